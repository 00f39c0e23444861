package data

import (
	"testing"
)

func TestParseMoney(t *testing.T) {
	ok := []struct {
		in, lang string
		want     Money
	}{
		{"12,50", "de", 1250},
		{"12.50", "en", 1250},
		{"1.234,56 €", "de", 123456},
		{"€1,234.56", "en", 123456},
		{"12", "de", 1200},
		{"12,5", "de", 1250},
		{"0", "en", 0},
		{"-5,00", "de", -500},
		{"1.000.000,00", "de", MaxMoney},
		{" 7 € ", "de", 700},
	}
	for _, c := range ok {
		got, err := ParseMoney(c.in, c.lang)
		if err != nil || got != c.want {
			t.Errorf("ParseMoney(%q, %s) = %d, %v; want %d", c.in, c.lang, got, err, c.want)
		}
	}
	bad := []struct{ in, lang, key string }{
		{"12,5,0", "de", keyMoneyFormat},
		{"abc", "en", keyMoneyFormat},
		{"12.50", "de", keyMoneyFormat},
		{"12,50", "en", keyMoneyFormat},
		{"1.000.000,01", "de", keyMoneyTooMuch},
		{"2000000", "en", keyMoneyTooMuch},
		{"99999999999999999999", "en", keyMoneyTooMuch},
		{"", "de", keyMoneyEmpty},
		{"12,", "de", keyMoneyFormat},
		{"12,345", "de", keyMoneyFormat},
		{"1e5", "en", keyMoneyFormat},
	}
	for _, c := range bad {
		_, err := ParseMoney(c.in, c.lang)
		e, isErr := err.(*Error)
		if !isErr || e.Key != c.key {
			t.Errorf("ParseMoney(%q, %s) err = %v; want key %s", c.in, c.lang, err, c.key)
		}
	}
}

func TestMoneyFormat(t *testing.T) {
	cases := []struct {
		m      Money
		de, en string
	}{
		{123456, "1.234,56 €", "€1,234.56"},
		{5, "0,05 €", "€0.05"},
		{-1250, "-12,50 €", "-€12.50"},
		{MaxMoney, "1.000.000,00 €", "€1,000,000.00"},
	}
	for _, c := range cases {
		if got := c.m.Format("de"); got != c.de {
			t.Errorf("Format(de) = %q, want %q", got, c.de)
		}
		if got := c.m.Format("en"); got != c.en {
			t.Errorf("Format(en) = %q, want %q", got, c.en)
		}
		for _, lang := range []string{"de", "en"} {
			if back, err := ParseMoney(c.m.Format(lang), lang); err != nil || back != c.m {
				t.Errorf("round trip %s of %d = %d, %v", lang, c.m, back, err)
			}
		}
	}
}

func TestParseLocalDate(t *testing.T) {
	ok := []struct{ in, lang, want string }{
		{"23.11.2026", "de", "2026-11-23"},
		{"1.2.26", "de", "2026-02-01"},
		{"2026-11-23", "en", "2026-11-23"},
		{"23 Nov 2026", "en", "2026-11-23"},
		{"29.02.2024", "de", "2024-02-29"},
		{"", "de", ""},
	}
	for _, c := range ok {
		d, err := ParseLocalDate(c.in, c.lang)
		if err != nil || d.String() != c.want {
			t.Errorf("ParseLocalDate(%q) = %q, %v; want %q", c.in, d, err, c.want)
		}
	}
	for _, in := range []string{"2026-02-30", "30.02.2026", "29.02.2025", "32.01.2026", "1.13.2026", "yesterday", "12.2026", "31 Foo 2026"} {
		if _, err := ParseLocalDate(in, "de"); err == nil {
			t.Errorf("ParseLocalDate(%q) accepted", in)
		}
	}
	if got := day("2026-11-23").Format("de"); got != "23.11.2026" {
		t.Errorf("Format de = %q", got)
	}
	if got := day("2026-11-23").Format("en"); got != "23 Nov 2026" {
		t.Errorf("Format en = %q", got)
	}
}
