package data

import (
	"strings"
	"testing"
)

func TestCheckIBAN(t *testing.T) {
	for _, x := range []struct{ in, key string }{
		{"DE89370400440532013000", ""},
		{"de89 3704 0044 0532 0130 00", ""}, // spaces and case are tidied first
		{"GB82WEST12345698765432", ""},
		{"CH9300762011623852957", ""},
		{"NL91ABNA0417164300", ""},
		{"FR1420041010050500013M02606", ""},
		{"AT611904300234573201", ""},
		{"BE68539007547034", ""},
		{"NO9386011117947", ""},
		{"MT84MALT011000012345MTLCAST001S", ""},
		{"DE89370400440532013001", "sepa.iban.check"},
		{"DE88370400440532013000", "sepa.iban.check"},
		{"DE8937040044053201300", "sepa.iban.length"},
		{"DE893704004405320130000", "sepa.iban.length"},
		{"US12345678901234567890", "sepa.iban.country"},
		{"DE89-3704-0044-0532-0130-00", "sepa.iban.format"},
		{"DE", "sepa.iban.format"},
		{"", "sepa.iban.format"},
	} {
		if got := CheckIBAN(CleanIBAN(x.in)); got != x.key {
			t.Errorf("CheckIBAN(%q) = %q, want %q", x.in, got, x.key)
		}
	}
	if got := FormatIBAN("DE89370400440532013000"); got != "DE89 3704 0044 0532 0130 00" {
		t.Errorf("FormatIBAN = %q", got)
	}
}

func TestCheckCreditorIDAndBIC(t *testing.T) {
	for _, x := range []struct{ in, key string }{
		{"DE98ZZZ09999999999", ""},                     // the Bundesbank's example
		{"DE98ABC09999999999", ""},                     // the business code does not count
		{"DE98ZZZ09999999998", "sepa.creditor.check"},  // one digit off
		{"DE97ZZZ09999999999", "sepa.creditor.check"},  // check digits off
		{"DE98ZZZ0999999999", "sepa.creditor.length"},  // a German one has 18 characters
		{"AT62ZZZ01234567890", "sepa.creditor.check"},  // Austria: AT61 is right
		{"D198ZZZ09999999999", "sepa.creditor.format"}, // no country
		{"DE98ZZZ 0999999999", "sepa.creditor.format"},
	} {
		if got := CheckCreditorID(x.in); got != x.key {
			t.Errorf("CheckCreditorID(%q) = %q, want %q", x.in, got, x.key)
		}
	}
	for _, x := range []struct{ in, key string }{
		{"COBADEFFXXX", ""}, {"COBADEFF", ""}, {"COBADEF", "sepa.bic.format"}, {"COBA1EFFXXX", "sepa.bic.format"},
		{"COBADEFFXX", "sepa.bic.format"},
	} {
		if got := CheckBIC(x.in); got != x.key {
			t.Errorf("CheckBIC(%q) = %q, want %q", x.in, got, x.key)
		}
	}
}

func TestCheckMandateRef(t *testing.T) {
	for _, x := range []struct{ in, key string }{
		{"SP-000042-01", ""},
		{"Vertrag 2026/17 (Tanz)", ""},
		{"A+B?C:D.E,F'G", ""},
		{strings.Repeat("X", 35), ""},
		{strings.Repeat("X", 36), "sepa.reference.long"},
		{"", "sepa.reference.required"},
		{"Müller-01", "sepa.reference.characters"},
		{"A//B", "sepa.reference.characters"},
		{"/AB", "sepa.reference.characters"},
		{"AB/", "sepa.reference.characters"},
		{"A&B", "sepa.reference.characters"},
	} {
		if got := CheckMandateRef(x.in); got != x.key {
			t.Errorf("CheckMandateRef(%q) = %q, want %q", x.in, got, x.key)
		}
	}
}

func TestBankText(t *testing.T) {
	for _, x := range []struct {
		in   string
		max  int
		want string
	}{
		{"Jürgen Łukasz Zoë O’Brien & Söhne", 70, "Jürgen Lukasz Zoe O'Brien & Söhne"},
		{"São Paulo – Straße 5; „Tanz“", 70, "Sao Paulo - Straße 5, 'Tanz'"},
		{"Ærø Øst, Ğül Şahin", 70, "AEro Ost, Gül Sahin"},
		{"Beitrag  12/2026\t💃 Salsa", 70, "Beitrag 12/2026 Salsa"},
		{"Anna Weiß", 4, "Anna"},
		{"Weiß Anna", 5, "Weiß"}, // cut by characters; the space at the cut goes
		{"Preis: 20 €, 100 % & mehr!", 70, "Preis: 20 EUR, 100 % & mehr."},
	} {
		if got := BankText(x.in, x.max); got != x.want {
			t.Errorf("BankText(%q, %d) = %q, want %q", x.in, x.max, got, x.want)
		}
	}
}

func TestMandateExpiresAndValidates(t *testing.T) {
	d := func(s string) Date {
		v, err := ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	m := Mandate{SignedOn: d("2023-01-15")}
	if m.ExpiresOn() != d("2026-01-15") || m.State(d("2026-01-14")) != MandateActive || m.State(d("2026-01-15")) != MandateExpired {
		t.Errorf("unused: expires %s, %s, %s", m.ExpiresOn(), m.State(d("2026-01-14")), m.State(d("2026-01-15")))
	}
	m.LastCollected = d("2025-06-01")
	if m.ExpiresOn() != d("2028-06-01") || m.State(d("2028-05-31")) != MandateActive {
		t.Errorf("used: expires %s", m.ExpiresOn())
	}
	m.RevokedOn = d("2026-03-01")
	if m.State(d("2026-02-28")) != MandateActive || m.State(d("2026-03-01")) != MandateRevoked {
		t.Errorf("revoked: %s %s", m.State(d("2026-02-28")), m.State(d("2026-03-01")))
	}
	once := Mandate{SignedOn: d("2026-01-01"), Once: true}
	if once.State(d("2026-02-01")) != MandateActive {
		t.Error("an unused one-off mandate is not active")
	}
	once.LastCollected = d("2026-02-02")
	if once.State(d("2026-02-03")) != MandateExpired {
		t.Error("a used one-off mandate is still active")
	}

	today := d("2026-12-05")
	ok := Mandate{SignedOn: today, IBAN: " de89 3704 0044 0532 0130 00 ", BIC: "cobadeffxxx"}
	if err := ok.Validate(today); err != nil || ok.IBAN != "DE89370400440532013000" || ok.BIC != "COBADEFFXXX" {
		t.Fatalf("a good mandate: %v %+v", err, ok)
	}
	for _, x := range []struct {
		m            Mandate
		field, key   string
		secondField  string
		secondKeyHas string
	}{
		{Mandate{SignedOn: today.AddDays(1), IBAN: "DE89370400440532013000"}, "signed_on", "mandate.signed.future", "", ""},
		{Mandate{IBAN: "DE89370400440532013000"}, "signed_on", "mandate.signed.required", "", ""},
		{Mandate{SignedOn: today, IBAN: "DE89370400440532013001"}, "iban", "sepa.iban.check", "", ""},
		{Mandate{SignedOn: today, IBAN: "DE89370400440532013000", Reference: "A//B"}, "reference", "sepa.reference.characters", "", ""},
		{Mandate{SignedOn: today, IBAN: "CH9300762011623852957"}, "bic", "mandate.bic.outside", "holder_town", "mandate.town.outside"},
	} {
		err := x.m.Validate(today)
		e := AsError(err)
		if e == nil || e.Fields[0].Field != x.field || e.Fields[0].Key != x.key {
			t.Errorf("%+v: %v", x.m, err)
			continue
		}
		if x.secondField != "" && (len(e.Fields) < 2 || e.Fields[1].Field != x.secondField || e.Fields[1].Key != x.secondKeyHas) {
			t.Errorf("%+v: %+v", x.m, e.Fields)
		}
	}
	swiss := Mandate{SignedOn: today, IBAN: "CH9300762011623852957", BIC: "UBSWCHZH80A", HolderTown: "Basel", HolderCountry: "ch"}
	if err := swiss.Validate(today); err != nil || swiss.HolderCountry != "CH" {
		t.Errorf("a Swiss mandate with BIC and town: %v", err)
	}
	if !SameBank("DE89370400440532013000", "DE45370400440000012345") || SameBank("DE89370400440532013000", "DE02120300000000202051") {
		t.Error("SameBank by the German bank code")
	}
}

func TestTargetCalendar(t *testing.T) {
	for year, want := range map[int]string{2024: "2024-03-31", 2025: "2025-04-20", 2026: "2026-04-05", 2027: "2027-03-28",
		2028: "2028-04-16", 2029: "2029-04-01", 2030: "2030-04-21", 2038: "2038-04-25"} {
		if got := easter(year).String(); got != want {
			t.Errorf("Easter %d = %s, want %s", year, got, want)
		}
	}
	closed := []string{"2024-03-29", "2024-04-01", "2025-01-01", "2025-04-18", "2025-04-21", "2025-05-01", "2025-12-25",
		"2025-12-26", "2026-04-03", "2026-04-06", "2026-05-01", "2026-12-25", "2027-01-01", "2027-03-26", "2027-03-29",
		"2028-04-14", "2028-04-17", "2028-12-26", "2026-12-05", "2026-12-06"}
	open := []string{"2025-10-03", "2026-05-14", "2026-05-25", "2026-12-24", "2026-12-31", "2027-11-01", "2026-04-07",
		"2026-06-04", "2027-10-04"} // German holidays, Christmas Eve and New Year's Eve are open
	for _, s := range closed {
		if d, _ := ParseDate(s); TargetOpen(d) {
			t.Errorf("TARGET open on %s", s)
		}
	}
	for _, s := range open {
		if d, _ := ParseDate(s); !TargetOpen(d) {
			t.Errorf("TARGET closed on %s", s)
		}
	}
	for _, x := range []struct {
		from string
		n    int
		want string
	}{{"2026-12-23", 2, "2026-12-28"}, {"2026-04-02", 2, "2026-04-08"}, {"2026-12-04", 2, "2026-12-08"},
		{"2026-12-30", 1, "2026-12-31"}, {"2026-12-31", 1, "2027-01-04"}} {
		d, _ := ParseDate(x.from)
		if got := TargetDaysAfter(d, x.n).String(); got != x.want {
			t.Errorf("%d TARGET days after %s = %s, want %s", x.n, x.from, got, x.want)
		}
	}
	if d, _ := ParseDate("2026-12-25"); NextTargetDay(d).String() != "2026-12-28" {
		t.Errorf("next open day after Christmas: %s", NextTargetDay(d))
	}
}

// The expiry and the cut-off the store's queries use agree on every day
// around the ends of months and leap days.
func TestMandateCutoffAgrees(t *testing.T) {
	start, _ := ParseDate("2023-01-01")
	for i := 0; i < 1500; i++ {
		from := start.AddDays(i)
		m := Mandate{SignedOn: from}
		for _, day := range []Date{m.ExpiresOn().AddDays(-1), m.ExpiresOn(), m.ExpiresOn().AddDays(1)} {
			inForce := from.After(MandateCutoff(day))
			if inForce != (m.State(day) == MandateActive) {
				t.Fatalf("signed %s, on %s: cut-off %s says %v, state %s", from, day, MandateCutoff(day), inForce, m.State(day))
			}
		}
	}
}
