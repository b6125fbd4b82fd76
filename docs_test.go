package voicesched

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The behaviour reference, docs/semantics.md, is cited from comments and
// documents by anchor, and lists every problem code. These tests keep it
// from drifting away from the code.

const semanticsPath = "docs/semantics.md"

var (
	anchorID      = regexp.MustCompile(`<a id="([A-Za-z0-9_-]+)"></a>`)
	citedAnchor   = regexp.MustCompile(`docs/semantics\.md#([A-Za-z0-9_-]*)`)
	innerLink     = regexp.MustCompile(`\]\(#([A-Za-z0-9_-]*)\)`)
	codeTableRow  = regexp.MustCompile("(?m)^\\| `([^`]+)` \\|")
	problemCodeRe = regexp.MustCompile(`^[a-z]+(-[a-z]+)*$`)
)

func readSemantics(t *testing.T) string {
	t.Helper()
	raw, err := os.ReadFile(semanticsPath)
	require.NoError(t, err, "the behaviour reference must exist")
	return string(raw)
}

func semanticsAnchors(t *testing.T, doc string) map[string]bool {
	t.Helper()
	anchors := map[string]bool{}
	for _, m := range anchorID.FindAllStringSubmatch(doc, -1) {
		require.False(t, anchors[m[1]], "anchor %q is defined twice", m[1])
		anchors[m[1]] = true
	}
	return anchors
}

// repoFiles returns the paths of the repository's files whose names end in
// one of exts, skipping hidden directories, and test data unless withTestdata.
func repoFiles(t *testing.T, withTestdata bool, exts ...string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path != "." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" && !withTestdata) {
				return filepath.SkipDir
			}
			return nil
		}
		if slices.Contains(exts, filepath.Ext(path)) {
			out = append(out, path)
		}
		return nil
	})
	require.NoError(t, err)
	return out
}

func TestEveryCitedSemanticsAnchorExists(t *testing.T) {
	doc := readSemantics(t)
	anchors := semanticsAnchors(t, doc)
	require.NotEmpty(t, anchors)

	cited := 0
	for _, path := range repoFiles(t, true, ".go", ".md", ".py") {
		raw, err := os.ReadFile(path)
		require.NoError(t, err)
		for _, m := range citedAnchor.FindAllStringSubmatch(string(raw), -1) {
			cited++
			assert.True(t, anchors[m[1]], "%s cites %s#%s, which the reference does not define", path, semanticsPath, m[1])
		}
	}
	for _, m := range innerLink.FindAllStringSubmatch(doc, -1) {
		assert.True(t, anchors[m[1]], "%s links to #%s, which it does not define", semanticsPath, m[1])
	}
	t.Logf("%d anchors, %d citations", len(anchors), cited)
}

// TestEveryProblemCodeIsInTheSemanticsCodeTable finds the problem codes of
// the code by parsing its Go files: constants named Code… or code…, Code:
// members of composite literals, string literals assigned to a variable named
// code, and string literals passed as a parameter named code of a function
// declared in the same package. Each must be a row of the reference's code
// tables, and each row must name a code the code still uses.
func TestEveryProblemCodeIsInTheSemanticsCodeTable(t *testing.T) {
	doc := readSemantics(t)
	start := strings.Index(doc, `<a id="problem-codes"></a>`)
	require.GreaterOrEqual(t, start, 0, "the reference has a problem-codes section")
	section := doc[start:]
	if end := strings.Index(section, "\n## "); end >= 0 {
		section = section[:end]
	}
	listed := map[string]bool{}
	for _, m := range codeTableRow.FindAllStringSubmatch(section, -1) {
		if m[1] != "code" {
			listed[m[1]] = true
		}
	}
	require.NotEmpty(t, listed, "the problem-codes section has tables")

	found := problemCodesInSource(t)
	require.NotEmpty(t, found)
	for code, where := range found {
		assert.True(t, listed[code], "problem code %q (%s) is missing from the code table of %s", code, where, semanticsPath)
	}
	for code := range listed {
		_, used := found[code]
		assert.True(t, used, "the code table of %s lists %q, which no Go file uses as a problem code", semanticsPath, code)
	}
}

// problemCodesInSource maps every problem code found in non-test Go files to
// one place it appears.
func problemCodesInSource(t *testing.T) map[string]string {
	t.Helper()
	fset := token.NewFileSet()
	byDir := map[string][]*ast.File{}
	for _, path := range repoFiles(t, false, ".go") {
		if strings.HasSuffix(path, "_test.go") || strings.HasPrefix(filepath.Base(path), "zz_generated") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		require.NoError(t, err)
		byDir[filepath.Dir(path)] = append(byDir[filepath.Dir(path)], f)
	}

	found := map[string]string{}
	note := func(lit ast.Expr) {
		b, ok := lit.(*ast.BasicLit)
		if !ok || b.Kind != token.STRING {
			return
		}
		s, err := strconv.Unquote(b.Value)
		if err != nil || !problemCodeRe.MatchString(s) {
			return
		}
		if _, seen := found[s]; !seen {
			found[s] = fset.Position(b.Pos()).String()
		}
	}
	isCodeName := func(name string) bool {
		return name == "code" || len(name) > 4 && (strings.HasPrefix(name, "Code") || strings.HasPrefix(name, "code")) &&
			name[4] >= 'A' && name[4] <= 'Z'
	}

	for _, files := range byDir {
		// Which parameter position is called code, per function name.
		codeParam := map[string][]int{}
		paramIndex := func(name string, ft *ast.FuncType) {
			i := 0
			for _, field := range ft.Params.List {
				if len(field.Names) == 0 {
					i++
					continue
				}
				for _, n := range field.Names {
					if n.Name == "code" {
						codeParam[name] = append(codeParam[name], i)
					}
					i++
				}
			}
		}
		for _, f := range files {
			ast.Inspect(f, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.FuncDecl:
					paramIndex(n.Name.Name, n.Type)
				case *ast.AssignStmt:
					for k, rhs := range n.Rhs {
						if lit, ok := rhs.(*ast.FuncLit); ok && k < len(n.Lhs) {
							if id, ok := n.Lhs[k].(*ast.Ident); ok {
								paramIndex(id.Name, lit.Type)
							}
						}
					}
				}
				return true
			})
		}
		for _, f := range files {
			ast.Inspect(f, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.ValueSpec:
					for k, name := range n.Names {
						if isCodeName(name.Name) && k < len(n.Values) {
							note(n.Values[k])
						}
					}
				case *ast.KeyValueExpr:
					if id, ok := n.Key.(*ast.Ident); ok && id.Name == "Code" {
						note(n.Value)
					}
				case *ast.AssignStmt:
					for k, lhs := range n.Lhs {
						if id, ok := lhs.(*ast.Ident); ok && id.Name == "code" && len(n.Rhs) == len(n.Lhs) {
							note(n.Rhs[k])
						}
					}
				case *ast.CallExpr:
					var name string
					switch fn := n.Fun.(type) {
					case *ast.Ident:
						name = fn.Name
					case *ast.SelectorExpr:
						name = fn.Sel.Name
					}
					for _, i := range codeParam[name] {
						if i < len(n.Args) {
							note(n.Args[i])
						}
					}
				}
				return true
			})
		}
	}
	return found
}
