package data

import (
	"reflect"
	"testing"
)

func TestPeriodEnd(t *testing.T) {
	cases := []struct {
		start  string
		months int
		want   string
	}{
		{"2026-01-15", 1, "2026-02-14"},
		{"2026-01-31", 1, "2026-02-28"},
		{"2024-01-31", 1, "2024-02-29"},
		{"2026-01-31", 2, "2026-03-30"},
		{"2026-01-31", 3, "2026-04-30"},
		{"2024-02-29", 12, "2025-02-28"},
		{"2024-02-29", 48, "2028-02-28"},
		{"2026-01-01", 12, "2026-12-31"},
		{"2026-03-31", 1, "2026-04-30"},
		{"2026-12-01", 1, "2026-12-31"},
	}
	for _, c := range cases {
		if got := day(c.start).PeriodEnd(c.months); got.String() != c.want {
			t.Errorf("%s + %d months ends %s, want %s", c.start, c.months, got, c.want)
		}
	}
}

// End dates as § 309 Nr. 9 BGB sets them for consumer contracts concluded
// on or after 1 March 2022: the later of the minimum term's end and the
// notice (at most one month) after it was received — never rounded up to a
// billing period. Older contracts end as agreed.
func TestEndFor(t *testing.T) {
	monthly1 := Terms{Billing: BillingMonthly, MinTermMonths: 1, Notice: Notice{1, NoticeMonths}, Renewal: RenewMonthly}
	yearly := Terms{Billing: BillingYearly, MinTermMonths: 12, Notice: Notice{1, NoticeMonths}, Renewal: RenewMonthly}
	quarterly := Terms{Billing: BillingQuarterly, MinTermMonths: 3, Notice: Notice{14, NoticeDays}, Renewal: RenewMonthly}
	fixed := Terms{Billing: BillingMonthly, MinTermMonths: 12, Notice: Notice{3, NoticeMonths}, Renewal: RenewFixed, RenewalMonths: 12}
	none := Terms{Billing: BillingOnce, MinTermMonths: 3, Notice: Notice{0, NoticeDays}, Renewal: RenewNone}
	once := Terms{Billing: BillingOnce, MinTermMonths: 3, Notice: Notice{1, NoticeMonths}, Renewal: RenewMonthly}
	monthly12 := Terms{Billing: BillingMonthly, MinTermMonths: 12, Notice: Notice{1, NoticeMonths}, Renewal: RenewMonthly}
	session := Terms{Billing: BillingPerSession, MinTermMonths: 1, Notice: Notice{1, NoticeWeeks}, Renewal: RenewMonthly}
	cases := []struct {
		name            string
		terms           Terms
		start, received string
		want            string
	}{
		{"monthly, notice on the last day allowed", monthly1, "2026-01-31", "2026-01-31", "2026-02-28"},
		{"monthly, notice a day late: one month, not a period", monthly1, "2026-01-31", "2026-02-01", "2026-03-01"},
		{"monthly, during the term: the term's end", monthly12, "2026-01-31", "2026-02-10", "2027-01-30"},
		{"monthly, on the deadline", monthly12, "2026-01-31", "2026-12-30", "2027-01-30"},
		{"monthly, a day after the deadline", monthly12, "2026-01-31", "2026-12-31", "2027-01-31"},
		{"monthly, after the term, on 28 Feb", monthly12, "2026-01-31", "2027-02-28", "2027-03-28"},
		{"monthly, after the term, on the 31st", monthly12, "2026-01-31", "2027-03-31", "2027-04-30"},
		{"leap year month end", monthly1, "2024-01-31", "2024-01-31", "2024-02-29"},
		{"quarterly, notice on the last day", quarterly, "2026-01-15", "2026-03-31", "2026-04-14"},
		{"quarterly, a day late: 14 days, not the next quarter", quarterly, "2026-01-15", "2026-04-01", "2026-04-15"},
		{"quarterly, long after the term", quarterly, "2026-01-15", "2026-06-10", "2026-06-24"},
		{"yearly, start 29 Feb, in time", yearly, "2024-02-29", "2025-01-31", "2025-02-28"},
		{"yearly, start 29 Feb, a day late: a month, not a year", yearly, "2024-02-29", "2025-02-01", "2025-03-01"},
		{"yearly, notice on 29 Feb", yearly, "2024-02-29", "2028-02-29", "2028-03-29"},
		{"once, runs on after the term", once, "2026-03-01", "2026-07-31", "2026-08-31"},
		{"no renewal ends with the term", none, "2026-03-01", "2026-03-02", "2026-05-31"},
		{"per session: notice alone", session, "2026-02-28", "2026-03-31", "2026-04-07"},
		{"concluded on 1 March 2022: the law", quarterly, "2022-03-01", "2022-06-10", "2022-06-24"},
		{"concluded before March 2022: the next quarter", quarterly, "2021-01-15", "2021-04-01", "2021-07-14"},
		{"concluded before March 2022: fixed renewal renews", fixed, "2021-01-01", "2021-10-01", "2022-12-31"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := c.terms.EndFor(day(c.start), day(c.received)); got.String() != c.want {
				t.Fatalf("EndFor(%s, %s) = %s, want %s", c.start, c.received, got, c.want)
			}
		})
	}
}

func TestNoticeDeadline(t *testing.T) {
	cases := []struct {
		terms Terms
		start string
		want  string
	}{
		{Terms{Billing: BillingMonthly, MinTermMonths: 1, Notice: Notice{1, NoticeMonths}, Renewal: RenewMonthly}, "2026-01-31", "2026-01-31"},
		{Terms{Billing: BillingYearly, MinTermMonths: 12, Notice: Notice{1, NoticeMonths}, Renewal: RenewMonthly}, "2024-02-29", "2025-01-31"},
		{Terms{Billing: BillingMonthly, MinTermMonths: 6, Notice: Notice{14, NoticeDays}, Renewal: RenewMonthly}, "2026-01-01", "2026-06-16"},
	}
	for _, c := range cases {
		got := c.terms.NoticeDeadline(day(c.start))
		if got.String() != c.want {
			t.Errorf("NoticeDeadline(%s) = %s, want %s", c.start, got, c.want)
		}
		// notice on the deadline ends with the term; a day later does not
		if end := c.terms.EndFor(day(c.start), got); !end.Equal(c.terms.MinTermEnd(day(c.start))) {
			t.Errorf("notice on the deadline %s ends %s, want the term's end", got, end)
		}
		if end := c.terms.EndFor(day(c.start), got.AddDays(1)); end.Equal(c.terms.MinTermEnd(day(c.start))) {
			t.Errorf("notice a day after the deadline still ends with the term")
		}
	}
}

// Every clause § 309 Nr. 9 BGB makes void is found, by the rule in force
// on the day the contract was concluded; fair terms pass.
func TestVoid(t *testing.T) {
	fair := Terms{Billing: BillingMonthly, MinTermMonths: 24, Notice: Notice{1, NoticeMonths}, Renewal: RenewMonthly}
	cases := []struct {
		name      string
		change    func(*Terms)
		concluded string
		want      []string
	}{
		{"fair terms", func(*Terms) {}, "2026-01-01", nil},
		{"25 months", func(t *Terms) { t.MinTermMonths = 25 }, "2026-01-01", []string{VoidMinTerm}},
		{"two months notice", func(t *Terms) { t.Notice = Notice{2, NoticeMonths} }, "2026-01-01", []string{VoidNotice}},
		{"five weeks notice", func(t *Terms) { t.Notice = Notice{5, NoticeWeeks} }, "2026-01-01", []string{VoidNotice}},
		{"four weeks is a month", func(t *Terms) { t.Notice = Notice{4, NoticeWeeks} }, "2026-01-01", nil},
		{"31 days is a month", func(t *Terms) { t.Notice = Notice{31, NoticeDays} }, "2026-01-01", nil},
		{"32 days is more", func(t *Terms) { t.Notice = Notice{32, NoticeDays} }, "2026-01-01", []string{VoidNotice}},
		{"fixed renewal", func(t *Terms) { t.Renewal, t.RenewalMonths = RenewFixed, 1 }, "2026-01-01", []string{VoidRenewal}},
		{"no renewal is fine", func(t *Terms) { t.Renewal = RenewNone }, "2026-01-01", nil},
		{"all three", func(t *Terms) {
			t.MinTermMonths, t.Notice, t.Renewal, t.RenewalMonths = 36, Notice{3, NoticeMonths}, RenewFixed, 12
		}, "2026-01-01", []string{VoidMinTerm, VoidRenewal, VoidNotice}},
		{"on 1 March 2022: the new rule", func(t *Terms) { t.Notice = Notice{3, NoticeMonths} }, "2022-03-01", []string{VoidNotice}},
		{"before March 2022: three months' notice", func(t *Terms) { t.Notice = Notice{3, NoticeMonths} }, "2022-02-28", nil},
		{"before March 2022: 13 weeks' notice", func(t *Terms) { t.Notice = Notice{13, NoticeWeeks} }, "2022-02-28", nil},
		{"before March 2022: 93 days' notice", func(t *Terms) { t.Notice = Notice{93, NoticeDays} }, "2022-02-28", []string{VoidOldNotice}},
		{"before March 2022: four months' notice", func(t *Terms) { t.Notice = Notice{4, NoticeMonths} }, "2021-06-01", []string{VoidOldNotice}},
		{"before March 2022: yearly renewal", func(t *Terms) { t.Renewal, t.RenewalMonths = RenewFixed, 12 }, "2021-06-01", nil},
		{"before March 2022: renewal of 13 months", func(t *Terms) { t.Renewal, t.RenewalMonths = RenewFixed, 13 }, "2021-06-01", []string{VoidOldRenewal}},
		{"before March 2022: 36 months", func(t *Terms) { t.MinTermMonths = 36 }, "2021-06-01", []string{VoidMinTerm}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			terms := fair
			c.change(&terms)
			var got []string
			for _, f := range terms.Void(day(c.concluded)) {
				got = append(got, f.Key)
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Fatalf("Void = %v, want %v", got, c.want)
			}
		})
	}
}
