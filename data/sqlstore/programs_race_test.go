package sqlstore

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"studiopartner/data"
)

// programRace is one race between two programs on one SQLite file: each
// counter a process of its own, both let go at the same moment.
type programRace struct {
	name string
	// prepare fills the database and returns what the programs need (an id)
	prepare func(t *testing.T, s *Store) int64
	// act is what program seat (0 or 1) does
	act func(s *Store, seat int, id int64) error
	// check sees both outcomes ("" for done, else the refusal's key) and
	// the database afterwards
	check func(t *testing.T, s *Store, id int64, outcomes [2]string)
}

var programRaces = []programRace{
	{
		name: "checkin",
		prepare: func(t *testing.T, s *Store) int64 {
			c := mustClient(t, s, "Ola Nord")
			mustContract(t, s, c.ID, mustCard(t, s, "Zehner", 10, 6, 12000), "2026-11-01")
			return c.ID
		},
		act: func(s *Store, _ int, id int64) error {
			_, err := s.CheckIn(context.Background(), data.CheckIn{ClientID: id})
			return err
		},
		check: func(t *testing.T, s *Store, id int64, o [2]string) {
			vs, _ := s.Visits(context.Background(), id, data.Date{}, 0)
			ks, _ := s.ContractsOf(context.Background(), id)
			if len(vs) != 1 || len(ks) != 1 || ks[0].SessionsUsed != 1 || oneEach(o, "visit.repeat") {
				t.Fatalf("outcomes %q, %d visits, contracts %+v: want one visit, one session", o, len(vs), ks)
			}
		},
	},
	{
		name: "decide",
		prepare: func(t *testing.T, s *Store) int64 {
			return demandIn(t, s, mustClient(t, s, "Lea Kaya").ID, data.DemandOpen).ID
		},
		act: func(s *Store, seat int, id int64) error {
			seen := data.Decision{DemandID: id, Expect: data.DemandOpen, Note: "nein"}
			if seat == 0 {
				_, err := s.GrantDemand(context.Background(), seen, gift("Probestunde", 2000))
				return err
			}
			_, err := s.DeclineDemand(context.Background(), seen)
			return err
		},
		check: func(t *testing.T, s *Store, id int64, o [2]string) {
			d, _ := s.Demand(context.Background(), id)
			gs, _ := s.GoodwillList(context.Background(), data.GoodwillFilter{ClientID: d.ClientID})
			if oneEach(o, "demand.changed") || (d.Status == data.DemandGranted) != (len(gs) == 1) || len(gs) > 1 {
				t.Fatalf("outcomes %q, demand %s with %d goodwill entries", o, d.Status, len(gs))
			}
		},
	},
	{
		name: "lastowner",
		prepare: func(t *testing.T, s *Store) int64 {
			mustStaff(t, s, "Olga", data.RoleOwner, "")
			mustStaff(t, s, "Petra", data.RoleOwner, "")
			return 0
		},
		act: func(s *Store, seat int, _ int64) error {
			list, err := s.StaffList(context.Background(), true)
			if err != nil {
				return err
			}
			m := list[seat]
			m.Role = data.RoleFrontDesk
			_, err = s.SaveStaff(context.Background(), m)
			if e := data.AsError(err); e != nil && e.Field("role") != nil {
				return data.Errorf(e.Code, e.Field("role").Key, nil)
			}
			return err
		},
		check: func(t *testing.T, s *Store, _ int64, o [2]string) {
			list, _ := s.StaffList(context.Background(), true)
			owners := 0
			for _, m := range list {
				if m.Role == data.RoleOwner && m.Active {
					owners++
				}
			}
			if oneEach(o, "staff.last_owner") || owners != 1 {
				t.Fatalf("outcomes %q, %d active owners: want one retired, one kept", o, owners)
			}
		},
	},
	{
		name:    "clauses",
		prepare: func(*testing.T, *Store) int64 { return 0 },
		act: func(s *Store, seat int, _ int64) error {
			_, err := s.SaveClauses(context.Background(), data.ClauseSet{Language: "de",
				Sections: []data.Section{{Key: "intro", Title: "Vorwort", Body: fmt.Sprint("Platz ", seat)}}})
			return err
		},
		check: func(t *testing.T, s *Store, _ int64, o [2]string) {
			var versions []int
			rows, err := s.read.QueryContext(context.Background(), `SELECT DISTINCT version FROM clause_sets WHERE language = 'de' ORDER BY version`)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			for rows.Next() {
				var v int
				rows.Scan(&v)
				versions = append(versions, v)
			}
			if o != [2]string{"", ""} || len(versions) != 2 || versions[0] != 1 || versions[1] != 2 {
				t.Fatalf("outcomes %q, versions %v: want 1 and 2", o, versions)
			}
		},
	},
}

// oneEach reports whether the outcomes are NOT one done and one refused
// with key.
func oneEach(o [2]string, key string) bool {
	return !(o[0] == "" && o[1] == key || o[0] == key && o[1] == "")
}

// TestTwoProgramsRace: on one SQLite file, two programs checking in the
// same client, deciding the same demand, retiring the last two owners or
// saving the clauses at the same moment leave the records as one program
// doing both one after the other would: SQLite orders the writers, and
// each write reads what it depends on inside its own transaction.
func TestTwoProgramsRace(t *testing.T) {
	if name := os.Getenv("SP_RACE_CHILD"); name != "" {
		raceChild(name)
		return
	}
	sqliteOnly(t, "two processes on one file; on a server two stores race (TestTwoCountersOneVisit and others)")
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range programRaces {
		t.Run(r.name, func(t *testing.T) {
			for round := range 3 {
				dir := tempDir(t)
				db := filepath.Join(dir, "studio.db")
				s, err := Open(db)
				if err != nil {
					t.Fatal(err)
				}
				setClock(s, localAt("2026-11-23", 10, 0))
				id := r.prepare(t, s)
				outcomes := racePrograms(t, exe, r.name, db, filepath.Join(dir, "go"), id)
				t.Logf("round %d: %q", round, outcomes)
				r.check(t, s, id, outcomes)
				s.Close()
			}
		})
	}
}

// racePrograms starts two programs, waits until both are ready, lets them
// go together and returns what each said.
func racePrograms(t *testing.T, exe, name, db, goFile string, id int64) [2]string {
	t.Helper()
	var outcomes [2]string
	var cmds [2]*exec.Cmd
	var outs [2]*bufio.Scanner
	for seat := range 2 {
		cmd := exec.Command(exe, "-test.run=^TestTwoProgramsRace$")
		cmd.Env = append(os.Environ(), "SP_RACE_CHILD="+name, "SP_RACE_DB="+db, "SP_RACE_GO="+goFile,
			"SP_RACE_SEAT="+strconv.Itoa(seat), "SP_RACE_ID="+strconv.FormatInt(id, 10))
		pipe, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds[seat], outs[seat] = cmd, bufio.NewScanner(pipe)
		t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	}
	line := func(seat int, prefix string) string {
		for outs[seat].Scan() {
			if l := outs[seat].Text(); strings.HasPrefix(l, prefix) {
				return strings.TrimPrefix(l, prefix)
			}
		}
		t.Fatalf("program %d ended without %q", seat, prefix)
		return ""
	}
	for seat := range 2 {
		line(seat, "race: ready")
	}
	if err := os.WriteFile(goFile, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for seat := range 2 {
		outcomes[seat] = strings.TrimSpace(line(seat, "race: outcome"))
		cmds[seat].Wait()
	}
	return outcomes
}

// raceChild is one of the two programs: it opens the file, says it is
// ready, waits for the signal and acts.
func raceChild(name string) {
	var race programRace
	for _, r := range programRaces {
		if r.name == name {
			race = r
		}
	}
	s, err := Open(os.Getenv("SP_RACE_DB"))
	if err != nil {
		fmt.Println("race: outcome open:", err)
		return
	}
	defer s.Close()
	setClock(s, localAt("2026-11-23", 10, 0))
	seat, _ := strconv.Atoi(os.Getenv("SP_RACE_SEAT"))
	id, _ := strconv.ParseInt(os.Getenv("SP_RACE_ID"), 10, 64)
	fmt.Println("race: ready")
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); {
		if _, err := os.Stat(os.Getenv("SP_RACE_GO")); err == nil {
			break
		}
		time.Sleep(50 * time.Microsecond)
	}
	outcome := ""
	if err := race.act(s, seat, id); err != nil {
		outcome = err.Error()
		if e := data.AsError(err); e != nil {
			outcome = e.Key
		}
	}
	fmt.Println("race: outcome", outcome)
}
