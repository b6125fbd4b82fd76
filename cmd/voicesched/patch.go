package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/voicesched/voicesched"
	"github.com/voicesched/voicesched/internal/jsonedit"
	"github.com/voicesched/voicesched/internal/protocol"
)

const patchDescription = `Applies a PatchCustomer (the body of PATCH /customers/{customerId}) to the
customer it names in --tree and prints the resulting customer as JSON. Every
member is checked first — name, parent, tags (against the tree's tags), the
resulting schedule, the tree's shape — and either all of it applies or
nothing does: on any problem every problem is printed and the exit status
is 1.

--write saves the change to --tree: only the customer's record in the file
is rewritten, every other byte stays as it was. A symbolic link is followed;
the file is replaced atomically (written to a temporary file beside it,
flushed to disk and renamed over it), so it is never half written. Before it
writes, it prints on stderr what the patch changes, member by member, and
the warnings (a schedule with fewer rules, a zone or defaultState dropped,
forceClosed switched on, a move that changes the zone of nodes below).
Without --write nothing is saved.

--preview shows what the patch would do and writes nothing: whether it
applies and its problems, what it changes member by member, and for every
node whose state changes within [--from, --to) (the customer, the nodes below
it and the rules that follow its state) the spans that change, on the node's
own clock, exact to the second, with the rule deciding before and after, and
a before/after grid of the days with a change (the changed hours marked ^).
The window defaults to now and 14 days on (--days N for another length);
times without an offset are on the customer's clock. --format json prints
{"customerId", "applies", "problems", "summary", "changes", "cut"}. The exit
status is 1 when the patch would not apply.`

const patchExample = `  voicesched patch --tree tree.json --patch rename.json
  voicesched patch --tree tree.json --patch xmas-eve.json --preview --from 2026-12-21 --days 7
  voicesched patch --tree tree.json --patch move.json --by ops@example.com --write`

func (c *cli) cmdPatch(args []string) int {
	fs := c.flagSet("patch", "--tree FILE --patch FILE [--by USER] [--write | --preview [--from ISO] [--to ISO | --days N] [--format text|json]]", patchDescription, patchExample)
	treePath := fs.String("tree", "", "tree `file` holding the customer (required)")
	patchPath := fs.String("patch", "", "PatchCustomer JSON `file` (required)")
	by := fs.String("by", "voicesched", "`user` stamped as lastModifiedBy")
	write := fs.Bool("write", false, "save the changed tree to --tree (atomically)")
	preview := fs.Bool("preview", false, "show what the patch would do over a window; write nothing")
	win := addWindowFlags(fs)
	formatFlag := fs.String("format", formatText, "output `format` of --preview: text or json")
	positional, status, ok := c.parseFlags(fs, args)
	if !ok {
		return status
	}
	format, err := parseFormat(*formatFlag)
	if err != nil {
		return c.usageError(err)
	}
	switch {
	case *preview && *write:
		return c.usageError(errors.New("give --preview or --write, not both: a preview writes nothing"))
	case !*preview && (*win.from != "" || *win.to != "" || *win.days != 0 || format != formatText):
		return c.usageError(errors.New("--from, --to, --days and --format go with --preview"))
	case len(positional) > 0:
		return c.usageError(fmt.Errorf("patch takes no arguments besides flags, got %q", positional[0]))
	case *treePath == "":
		return c.usageError(errors.New("patch needs --tree FILE, the tree holding the customer"))
	case *patchPath == "":
		return c.usageError(errors.New("patch needs --patch FILE, the PatchCustomer to apply"))
	}
	engine, err := c.loadTree(*treePath)
	if err != nil {
		return c.fail(err)
	}
	data, err := readFile(*patchPath)
	if err != nil {
		return c.fail(err)
	}
	var p voicesched.PatchCustomer
	if err := decodeRecord(*patchPath, data, voicesched.DocPatch, &p); err != nil {
		return c.fail(err)
	}
	if p.CustomerID == "" {
		return c.fail(fmt.Errorf("%s does not say which customer it changes (customerId is empty)", *patchPath))
	}
	if *preview {
		zone, _ := protocol.ZoneOf(engine.Snapshot(), p.CustomerID)
		from, to, err := win.resolve(zone, c.now())
		if err != nil {
			return c.usageError(err)
		}
		return c.previewPatch(engine.Snapshot(), p, from, to, format)
	}
	if *write {
		c.printPatchEffects(engine.Snapshot(), p)
	}
	// The JSON itself goes to the library, so members it does not know
	// (a misspelt "stratTime") are reported, not silently dropped.
	stored, warnings, err := engine.PatchJSON(data, *by, nil)
	if *write {
		// printPatchEffects showed the patch's other warnings already.
		warnings = slices.DeleteFunc(warnings, func(p voicesched.Problem) bool { return p.Code != voicesched.CodeUnknownMember })
	}
	return c.finishPatch(engine, *treePath, stored, warnings, err, *write)
}

// applyPatch applies p to the engine's tree and prints the stored customer;
// with write it saves the tree to treePath atomically. holidays and close
// --write apply their patches here.
func (c *cli) applyPatch(engine *voicesched.Engine, treePath string, p voicesched.PatchCustomer, by string, write bool) int {
	if write {
		c.printPatchEffects(engine.Snapshot(), p)
	}
	stored, err := engine.Patch(p, by, nil)
	return c.finishPatch(engine, treePath, stored, nil, err, write)
}

// finishPatch reports a patch's outcome: the problems that refused it, or
// its warnings on stderr and the stored customer on stdout (saving the tree
// to treePath with write).
func (c *cli) finishPatch(engine *voicesched.Engine, treePath string, stored *voicesched.CustomerInfo, warnings voicesched.Problems, err error, write bool) int {
	if err != nil {
		var patchErr *voicesched.PatchError
		if errors.As(err, &patchErr) {
			errs := len(patchErr.Problems.Errors())
			fmt.Fprintf(c.stderr, "voicesched: the patch of %q was not applied: %s, %s.\n", patchErr.CustomerID,
				plural(errs, "error"), plural(len(patchErr.Problems)-errs, "warning"))
			for _, pr := range patchErr.Problems {
				fmt.Fprintf(c.stderr, "  %s\n", pr)
			}
			return exitFail
		}
		return c.fail(fmt.Errorf("the patch was not applied: %v", err))
	}
	if len(warnings) > 0 {
		fmt.Fprintf(c.stderr, "voicesched: the patch of %q was applied with %s:\n", stored.ID, plural(len(warnings), "warning"))
		for _, pr := range warnings {
			fmt.Fprintf(c.stderr, "  %s\n", pr)
		}
	}
	out, err := marshalIndent(stored)
	if err != nil {
		return c.fail(err)
	}
	if write {
		if err := c.saveCustomer(treePath, stored); err != nil {
			return c.fail(err)
		}
	}
	if _, err := c.stdout.Write(out); err != nil {
		return c.fail(err)
	}
	if write {
		fmt.Fprintf(c.stderr, "voicesched: saved %s.\n", treePath)
	}
	return exitOK
}

// saveCustomer writes the patched customer's record into the tree file at
// treePath, as it was read: only the bytes of that record change (the rest
// of the file keeps its member order, spacing and absent members). A
// symbolic link is followed, and the file it points to is replaced
// atomically.
func (c *cli) saveCustomer(treePath string, stored *voicesched.CustomerInfo) error {
	target, err := filepath.EvalSymlinks(treePath)
	if err != nil {
		return fmt.Errorf("cannot save %s: %v", treePath, err)
	}
	original, ok := c.trees[treePath]
	if !ok {
		if original, err = readFile(target); err != nil {
			return err
		}
	}
	span, err := jsonedit.FindElement(original, "customers", stored.ID)
	if err != nil {
		return fmt.Errorf("cannot save %s: customer %q's record cannot be told apart in it (%v); nothing was saved", treePath, stored.ID, err)
	}
	record := stored.Clone()
	var members map[string]json.RawMessage
	if json.Unmarshal(original[span.Start:span.End], &members) == nil && !hasMember(members, "breadcrumb") {
		record.Breadcrumb = nil // the store computes it; the file did not hold it
	}
	edited, err := jsonedit.Replace(original, span, record)
	if err != nil {
		return fmt.Errorf("cannot save %s: %v", treePath, err)
	}
	return writeFileAtomic(target, edited)
}

// hasMember reports whether an object has the member, matched as decoding
// matches names (ignoring case).
func hasMember(members map[string]json.RawMessage, name string) bool {
	for key := range members {
		if strings.EqualFold(key, name) {
			return true
		}
	}
	return false
}

// printPatchEffects prints on stderr, before a patch is written, what it
// changes member by member and its warnings. A patch that will be refused
// prints nothing here (Patch reports its problems).
func (c *cli) printPatchEffects(snap *voicesched.Snapshot, p voicesched.PatchCustomer) {
	preview, err := snap.PreviewPatch(&p, time.Time{}, time.Time{})
	if err != nil || !preview.Applies {
		return
	}
	var b strings.Builder
	if len(preview.Summary) > 0 {
		fmt.Fprintf(&b, "voicesched: the patch of %q changes:\n", p.CustomerID)
		for _, line := range preview.Summary {
			fmt.Fprintf(&b, "  %s: %s\n", line.Path, line.Text)
		}
	}
	if len(preview.Problems) > 0 {
		fmt.Fprintf(&b, "voicesched: %s:\n", plural(len(preview.Problems), "warning"))
		for _, pr := range preview.Problems {
			fmt.Fprintf(&b, "  %s\n", pr)
		}
	}
	io.WriteString(c.stderr, b.String())
}

// marshalIndent encodes v for people: indented, "<" and "&" left as they are.
func marshalIndent(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// writeFileAtomic replaces path with data so that a reader, or a crash,
// sees either the old file or the new one, never a mix: the data goes to a
// temporary file in the same directory (so the rename stays on one file
// system), is synced to disk, takes the old file's permissions, and is
// renamed over path; the directory is synced last so the rename survives a
// crash. On any failure the temporary file is removed and path is untouched.
func writeFileAtomic(path string, data []byte) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	mode := os.FileMode(0o644)
	if info, statErr := os.Stat(path); statErr == nil {
		mode = info.Mode().Perm()
	}
	tmp, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return fmt.Errorf("cannot save %s: %v", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return fmt.Errorf("cannot save %s: %v", path, err)
	}
	if err = tmp.Chmod(mode); err != nil {
		return fmt.Errorf("cannot save %s: %v", path, err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("cannot save %s: %v", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("cannot save %s: %v", path, err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("cannot save %s: %v", path, err)
	}
	if d, dirErr := os.Open(dir); dirErr == nil {
		// Best effort: some file systems cannot sync a directory.
		_ = d.Sync()
		d.Close()
	}
	return nil
}
