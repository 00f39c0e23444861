// Command funclen lists the production functions longer than a limit:
// funclen [-over N] DIR... prints "LINES file:line name" for each and
// exits 1 when there is one.
package main

import (
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	over := flag.Int("over", 60, "the most lines a function may have")
	flag.Parse()
	found := 0
	fset := token.NewFileSet()
	for _, dir := range flag.Args() {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && strings.HasPrefix(d.Name(), ".") && path != dir {
				return filepath.SkipDir
			}
			if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return nil
			}
			f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
			if err != nil {
				return err
			}
			found += report(fset, f, *over)
			return nil
		})
		if err != nil {
			fmt.Fprintln(os.Stderr, "funclen:", err)
			os.Exit(2)
		}
	}
	if found > 0 {
		os.Exit(1)
	}
}

// report prints the functions of f longer than over lines and returns
// how many there were.
func report(fset *token.FileSet, f *ast.File, over int) int {
	n := 0
	for _, decl := range f.Decls {
		fd, ok := decl.(*ast.FuncDecl)
		if !ok || fd.Body == nil {
			continue
		}
		start, end := fset.Position(fd.Pos()), fset.Position(fd.End())
		if lines := end.Line - start.Line + 1; lines > over {
			fmt.Printf("%d %s:%d %s\n", lines, start.Filename, start.Line, fd.Name.Name)
			n++
		}
	}
	return n
}
