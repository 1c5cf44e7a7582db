package profiles_test

import (
	"context"
	"testing"

	"github.com/gapcheck/gapcheck/checker"
)

// TestTimelinePins pins findings of the shipped profiles at dates after March 2016:
// the membership changes (the UK's exit, Croatia's and Cyprus's SIS and Schengen
// dates, Ireland's SIS connection, Bulgaria's and Romania's Schengen steps, Norway's
// and Switzerland's Prüm dates, Denmark's DNA launch) and, for every recommendation
// with data after 2016, a change its timeline records or the day its evidence grows
// too old. Each row says what it rests on (a research note's section or the source).
// A fact corrected in a profile should break the row that pins it and nothing else.
func TestTimelinePins(t *testing.T) {
	tests := []struct {
		state, id, at string
		want          checker.Status
		why           string
	}{
		// Membership changes.
		{"united-kingdom", "sis-connected", "2020-06-30", checker.StatusMet, "facts-timeline.md §5: police and judicial use of SIS II from April 2015; EU law still applied during the transition (withdrawal 31 Jan 2020)"},
		{"united-kingdom", "sis-connected", "2021-06-30", checker.StatusNotApplicable, "facts-timeline.md §5: disconnected at 23:00 on 31 Dec 2020 (HL11887); a third country from 1 Jan 2021"},
		{"united-kingdom", "ecris-connected", "2021-06-30", checker.StatusNotApplicable, "facts-timeline.md §4: out of ECRIS from 1 Jan 2021 (TCA Title IX); ECRIS binds Member States only"},
		{"united-kingdom", "pnr-legislation", "2021-06-30", checker.StatusNotApplicable, "the UK's opt-in lapses outside the EU; PNR under the TCA, not Directive 2016/681"},
		{"united-kingdom", "prum-dna", "2021-06-30", checker.StatusMet, "facts-timeline.md §3: TCA Title II from 1 Jan 2021; DNA connections live since July 2019 (UK government)"},
		{"croatia", "sis-connected", "2017-06-26", checker.StatusNotApplicable, "facts-timeline.md §5: SIS provisions put into effect by Decision (EU) 2017/733; not connected before 27 Jun 2017"},
		{"croatia", "sis-connected", "2017-06-27", checker.StatusMet, "facts-timeline.md §5: connected 27 Jun 2017, police use only until the restrictions were lifted (C.F. Müller)"},
		{"croatia", "sis-connected", "2023-06-30", checker.StatusMet, "Decision (EU) 2022/2451: full Schengen from 1 Jan 2023, all SIS restrictions lifted (HR-SCH-CFM)"},
		{"cyprus", "sis-connected", "2023-07-24", checker.StatusNotApplicable, "facts-timeline.md §5: Cyprus the only EU state not connected before 25 Jul 2023 (Decision (EU) 2023/870)"},
		{"cyprus", "sis-connected", "2023-07-25", checker.StatusMet, "facts-timeline.md §5: eu-LISA, 25 Jul 2023: first Cypriot alerts in SIS"},
		{"ireland", "sis-connected", "2021-03-14", checker.StatusUnknown, "facts-timeline.md §5: not connected, and no source says which part of SIS II bound Ireland before it joined"},
		{"ireland", "sis-connected", "2021-03-15", checker.StatusMet, "facts-timeline.md §5: joined SIS on 15 Mar 2021 (eucrim, Garda), police part only, outside Schengen borders"},
		{"bulgaria", "sis-connected", "2018-07-31", checker.StatusMet, "facts-timeline.md §5: SIS with restrictions from 15 Oct 2010; the border part not yet in effect"},
		{"bulgaria", "sis-connected", "2024-06-30", checker.StatusMet, "Decision (EU) 2018/934: full SIS use from 1 Aug 2018; Schengen at air and sea borders from 31 Mar 2024"},
		{"bulgaria", "border-systematic-checks", "2025-03-01", checker.StatusUnknown, "full Schengen from 1 Jan 2025, bound by the Borders Code; no source on Bulgaria's checks"},
		{"romania", "border-systematic-checks", "2023-12-31", checker.StatusUnknown, "HotNews Apr 2017 (B-RO): systematic since 7 Apr 2017, but evidence older than the three years this recommendation accepts"},
		{"romania", "border-systematic-checks", "2024-06-30", checker.StatusMet, "Știri pe surse (Agerpres), 31 Mar 2024: non-Schengen flows checked as before as Romania joins at air and sea borders (inferred)"},
		{"norway", "prum-dna", "2023-12-31", checker.StatusNotApplicable, "audit §8: the agreement did not yet apply to Norway; Decision (EU) 2023/2915 of 11 Dec 2023 entered into force on 1 Jan 2024"},
		{"norway", "prum-dna", "2024-01-01", checker.StatusMet, "facts-timeline.md §3: Decision (EU) 2023/2915 sets the date of supply to Norway (inferred authorised from its entry into force, lex24 EUR-Lex entry)"},
		{"switzerland", "prum-dna", "2023-02-28", checker.StatusNotApplicable, "facts-timeline.md §3: agreement signed 27 Jun 2019, in force only 1 Mar 2023"},
		{"switzerland", "prum-dna", "2023-03-01", checker.StatusGap, "facts-timeline.md §3: in force 1 Mar 2023; the latest source (Federal Council, 5 Mar 2021) says requests still go via Interpol, and no source dates the first exchange"},
		{"denmark", "prum-dna", "2016-11-17", checker.StatusGap, "facts-timeline.md §3: no DNA launch decision before Implementing Decision (EU) 2016/2047"},
		{"denmark", "prum-dna", "2016-11-18", checker.StatusMet, "facts-timeline.md §3: Implementing Decision (EU) 2016/2047 of 18 Nov 2016"},

		// One or more per recommendation with data after 2016.
		{"portugal", "ecris-connected", "2017-06-30", checker.StatusMet, "facts-timeline.md §4: SWD(2017)242, 'Jan 2017 SI and PT 28'"},
		{"italy", "prum-fingerprints", "2021-06-30", checker.StatusGap, "facts-timeline.md §3: referred to the CJEU on 15 Jul 2021, no access to Italy's fingerprint data"},
		{"italy", "prum-fingerprints", "2022-06-30", checker.StatusMet, "facts-timeline.md §3: Implementing Decision (EU) 2022/570 of 4 Apr 2022"},
		{"sweden", "prum-fingerprints", "2023-12-31", checker.StatusMet, "Digit, 27 Jan 2022: only Italy and Greece still to implement the Prüm Decision (inferred for Sweden)"},
		{"ireland", "prum-vehicle-registration", "2023-12-31", checker.StatusMet, "Digit, 27 Jan 2022: only Italy and Greece still to implement the Prüm Decision (inferred for Ireland)"},
		{"greece", "prum-vehicle-registration", "2021-12-31", checker.StatusGap, "facts-timeline.md §3: the Council's data-protection conclusion came only on 9 Dec 2021"},
		{"italy", "pnr-legislation", "2018-12-31", checker.StatusMet, "vLex: Legislative Decree 53/2018 in force from 9 Jun 2018"},
		{"spain", "pnr-legislation", "2019-12-31", checker.StatusGap, "facts-timeline.md §1: no transposing law; referred to the CJEU on 2 Jul 2020"},
		{"spain", "pnr-legislation", "2020-12-31", checker.StatusMet, "facts-timeline.md §1: Organic Law 1/2020 in force 17 Nov 2020"},
		{"sweden", "pnr-legislation", "2023-12-31", checker.StatusMet, "Riksdag JuU39: Act 2018:1180 in force from 1 Aug 2018 (inferred), a status that holds until an entry says otherwise"},
		{"portugal", "pnr-piu", "2020-06-30", checker.StatusPartial, "Observador, 20 Jul 2019: the GIP not yet working, being installed"},
		{"portugal", "pnr-piu", "2021-12-31", checker.StatusMet, "Dinheiro Vivo, 27 Jun 2021: the GIP working since early June 2021"},
		{"bulgaria", "pnr-piu", "2018-12-31", checker.StatusMet, "DANS, 8 Dec 2017: national PNR unit officially opened (inferred operational)"},
		{"netherlands", "pnr-piu", "2019-06-30", checker.StatusMet, "NCTV, 2 Oct 2020: Pi-NL started in June 2019; carriers obliged from 18 Jun 2019"},
		{"hungary", "border-systematic-checks", "2017-06-30", checker.StatusPartial, "facts-timeline.md §7: systematic checks suspended in May 2017, targeted checks by decree"},
		{"belgium", "border-systematic-checks", "2018-12-31", checker.StatusMet, "research timelines (B-BE): every traveller checked since 7 Apr 2017"},
		{"belgium", "border-systematic-checks", "2020-12-31", checker.StatusUnknown, "the same 2017 evidence, older than the three years this recommendation accepts"},
		{"norway", "border-sltd-checks", "2018-06-30", checker.StatusMet, "facts-national.md §4a (NRK, March 2018): full document scanning at every crossing point, Gardermoen from the start of 2018 (SLTD inferred)"},
		{"ireland", "aml-transposition", "2020-06-30", checker.StatusMet, "facts-timeline.md §9: 4AMLD fully transposed on 3 Dec 2019 (Complyport)"},
		{"romania", "aml-transposition", "2018-12-31", checker.StatusGap, "facts-timeline.md §9: referred to the CJEU on 19 Jul 2018 for non-transposition"},
		{"united-kingdom", "sltd-feed", "2019-12-31", checker.StatusMet, "facts-national.md §4b: Hansard, 16 Jul 2018, loss and theft of UK passports shared via Interpol"},
		{"belgium", "national-ftf-database", "2016-07-21", checker.StatusMet, "facts-national.md §2: the common FTF database by Royal Decree of 21 Jul 2016"},
		{"france", "national-ct-coordination", "2023-12-31", checker.StatusMet, "facts-national.md §1: UCLAT since 1984, a status that holds until an entry says otherwise"},
		{"netherlands", "explosives-precursors", "2021-06-30", checker.StatusMet, "facts-timeline.md §10: Regulation (EU) 2019/1148 applied, national law adapted, from 1 Feb 2021 (NCTV)"},
		{"italy", "sis-ftf-alerts", "2021-06-30", checker.StatusPartial, "facts-national.md §5: 448 foreign fighters entered in SIS, La Stampa 4 Jul 2020"},
		{"denmark", "api-transmission", "2019-06-30", checker.StatusMet, "research timelines: Rigspolitiet processes API data (PNR bill of 15 Nov 2018, inferred)"},
		{"belgium", "eurojust-terrorism-reporting", "2017-06-30", checker.StatusMet, "facts-2016-more.md rows 5-16: TE-SAT 2017 Annex 3, 2016 figures as reported to Eurojust"},
		{"belgium", "eurojust-terrorism-reporting", "2019-06-30", checker.StatusUnknown, "the 2016 figures are older than the two years this recommendation accepts; no later per-state table was read"},
		{"france", "europol-eis-contribution", "2017-06-30", checker.StatusMet, "facts-2016-more.md row 23: Europol's deputy director, 14 Feb 2017 (inferred)"},
		{"france", "europol-fp-travellers", "2017-06-30", checker.StatusMet, "facts-2016-more.md row 23: Europol's deputy director, 14 Feb 2017 (inferred)"},
		{"spain", "europol-ectc-secondment", "2017-06-30", checker.StatusMet, "facts-2016-more.md row 2 (A50): one of four seconded experts in Task Force Fraternité, March 2016, within the two years this recommendation accepts"},
	}
	all := loadAll(t)
	engine, err := checker.NewEngine(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.state+"/"+tt.id+"@"+tt.at, func(t *testing.T) {
			r, err := engine.EvaluateAt(context.Background(), all[tt.state], tt.at)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range r.Findings {
				if f.ID == tt.id {
					if f.Status != tt.want {
						t.Errorf("%s %s at %s: got %s (%s), want %s: %s", tt.state, tt.id, tt.at, f.Status, f.Message, tt.want, tt.why)
					}
					return
				}
			}
			t.Errorf("no finding %s", tt.id)
		})
	}
}
