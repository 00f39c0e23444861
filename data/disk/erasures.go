package disk

import (
	"bufio"
	"bytes"
	"errors"
	"os"
	"strconv"
	"strings"
	"studiopartner/data"
)

// The erasure register is a small file beside the database that lists
// every client erased (DSGVO Art. 17), one "id<TAB>day" a line. A restore
// swaps the database but not the register, so an erasure made after the
// restored backup was taken is applied again before the database is used.

// ErasureRegister is the register's path for the database at dbPath.
func ErasureRegister(dbPath string) string { return dbPath + ".erasures" }

// Erasure is one line of the register.
type Erasure struct {
	Client int64
	Day    string
}

// ReadErasures reads the register; a missing one lists nothing.
func ReadErasures(dbPath string) ([]Erasure, error) {
	b, err := os.ReadFile(ErasureRegister(dbPath))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, &data.Error{Code: data.CodeInvalid, Key: "erase.register", Args: map[string]any{"Path": ErasureRegister(dbPath)}, Err: err}
	}
	var out []Erasure
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		id, day, ok := strings.Cut(sc.Text(), "\t")
		n, err := strconv.ParseInt(id, 10, 64)
		if !ok || err != nil || n <= 0 {
			continue // a damaged line names nobody
		}
		out = append(out, Erasure{Client: n, Day: day})
	}
	return out, nil
}
