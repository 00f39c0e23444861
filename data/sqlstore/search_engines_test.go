package sqlstore

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"studiopartner/data"
	"testing"
)

// The client search gives the same clients in the same order on SQLite
// (its term index and FTS5 trigram table) and on PostgreSQL (the same term
// index and pg_trgm): 1,000 generated names with umlauts, accents, double
// names and particles, 50 queries of every kind (a prefix, two words, a
// middle of a word, an umlaut spelled out, a phone number, an e-mail),
// the top 50 of each.
func TestSearchAlikeOnBothEngines(t *testing.T) {
	bothEngines(t)
	ctx := context.Background()
	lite := newFileStore(t)
	post, err := OpenServer(ctx, pg.Need(t).Database(t))
	if err != nil {
		t.Fatal(err)
	}
	defer post.Close()
	post.Now = lite.Now
	r := rand.New(rand.NewPCG(5, 11))
	first := []string{"Anna", "Jürgen", "Zoë", "José", "Ängelika", "Björn", "Søren", "Łukasz", "Anna-Lena", "Ömer",
		"François", "Maja", "Sören", "Hans Peter", "Iñés", "Jörg", "Chloé", "Dominik", "Renée", "Ute"}
	last := []string{"Müller", "Mueller", "Weiß", "Weiss", "Groß-Schulte", "van der Berg", "Özdemir", "Łęcka", "Nuñez",
		"Schröder", "Fischer", "Becker", "de la Cruz", "Krüger", "Straße", "Kovač", "Dvořák", "Lindström", "O'Brien", "Bauer"}
	var bundles []data.ClientWithContracts
	for i := range 1000 {
		c := data.Client{Name: first[r.IntN(len(first))] + " " + last[r.IntN(len(last))]}
		if i%3 == 0 {
			c.Phone = fmt.Sprintf("+49 171 %07d", r.IntN(10000000))
		}
		if i%4 == 0 {
			c.Email = fmt.Sprintf("%s%d@example.org", strings.ToLower(data.FileWord(c.Name)), i)
		}
		if i%7 == 0 {
			c.ContactPerson = first[r.IntN(len(first))] + " " + last[r.IntN(len(last))]
		}
		bundles = append(bundles, data.ClientWithContracts{Client: c})
	}
	for _, s := range []*Store{lite, post} {
		if _, err := s.CreateClients(ctx, bundles); err != nil {
			t.Fatal(err)
		}
	}
	queries := []string{"a", "an", "ann", "anna", "anna lena", "annalena", "lena", "mü", "mue", "muell", "müller", "muller",
		"weiß", "weiss", "weis", "groß", "schulte", "gross schulte", "van", "berg", "der", "özd", "ozdemir", "łęc",
		"lecka", "nunez", "nuñ", "schr", "röder", "oeder", "isch", "ecke", "cruz", "krü", "uger", "straße", "strasse",
		"kovac", "dvor", "ström", "brien", "o'b", "auer", "jose", "josé", "zoe", "0171", "+49 171", "example", "@example.org"}
	if len(queries) != 50 {
		t.Fatalf("%d queries", len(queries))
	}
	found := 0
	for _, q := range queries {
		a, err := lite.SearchClients(ctx, q, 50)
		if err != nil {
			t.Fatal(err)
		}
		b, err := post.SearchClients(ctx, q, 50)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(ids(a), ids(b)) {
			t.Errorf("%q: SQLite %v\nPostgreSQL %v", q, ids(a), ids(b))
		}
		found += len(a)
	}
	if found < 50*20 {
		t.Fatalf("only %d clients found by 50 queries: the comparison tells little", found)
	}
}

func ids(rows []data.ClientRow) []int64 {
	out := make([]int64, len(rows))
	for i, r := range rows {
		out[i] = r.ID
	}
	return out
}
