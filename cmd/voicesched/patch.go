package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/voicesched/voicesched"
)

const patchDescription = `Applies a PatchCustomer (the body of PATCH /customers/{customerId}) to the
customer it names in --tree and prints the resulting customer as JSON. Every
member is checked first — name, parent, tags (against the tree's tags), the
resulting schedule, the tree's shape — and either all of it applies or
nothing does: on any problem every problem is printed and the exit status
is 1.

--write saves the changed tree back to --tree atomically: the whole tree is
written to a temporary file in the same directory, flushed to disk and
renamed over the original, so the file is never half written. Without
--write nothing is saved.`

const patchExample = `  voicesched patch --tree tree.json --patch rename.json
  voicesched patch --tree tree.json --patch move.json --by ops@example.com --write`

func (c *cli) cmdPatch(args []string) int {
	fs := c.flagSet("patch", "--tree FILE --patch FILE [--by USER] [--write]", patchDescription, patchExample)
	treePath := fs.String("tree", "", "tree `file` holding the customer (required)")
	patchPath := fs.String("patch", "", "PatchCustomer JSON `file` (required)")
	by := fs.String("by", "voicesched", "`user` stamped as lastModifiedBy")
	write := fs.Bool("write", false, "save the changed tree to --tree (atomically)")
	positional, status, ok := c.parseFlags(fs, args)
	if !ok {
		return status
	}
	switch {
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
	if err := decodeJSON(*patchPath, data, &p); err != nil {
		return c.fail(err)
	}
	if p.CustomerID == "" {
		return c.fail(fmt.Errorf("%s does not say which customer it changes (customerId is empty)", *patchPath))
	}
	return c.applyPatch(engine, *treePath, p, *by, *write)
}

// applyPatch applies p to the engine's tree and prints the stored customer;
// with write it saves the tree to treePath atomically. patch, holidays and
// close --write all apply their patches here.
func (c *cli) applyPatch(engine *voicesched.Engine, treePath string, p voicesched.PatchCustomer, by string, write bool) int {
	stored, err := engine.Patch(p, by, nil)
	if err != nil {
		var patchErr *voicesched.PatchError
		if errors.As(err, &patchErr) {
			fmt.Fprintf(c.stderr, "voicesched: the patch of %q was not applied: %s.\n", patchErr.CustomerID, plural(len(patchErr.Problems), "problem"))
			for _, pr := range patchErr.Problems {
				fmt.Fprintf(c.stderr, "  %s\n", pr)
			}
			return exitFail
		}
		return c.fail(fmt.Errorf("the patch was not applied: %v", err))
	}
	out, err := marshalIndent(stored)
	if err != nil {
		return c.fail(err)
	}
	if write {
		tree, err := marshalIndent(engine.Snapshot().Tree())
		if err != nil {
			return c.fail(err)
		}
		if err := writeFileAtomic(treePath, tree); err != nil {
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
