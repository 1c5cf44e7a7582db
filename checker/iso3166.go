package checker

import "strings"

// iso3166 is the list of officially assigned ISO 3166-1 alpha-2 codes: 249 codes,
// as the ISO 3166 Maintenance Agency lists them (ISO Online Browsing Platform,
// https://www.iso.org/obp/ui/#search/code/, "Officially assigned"; the same list as
// the ISO 3166-1 decoding table on Wikipedia,
// https://en.wikipedia.org/wiki/ISO_3166-1_alpha-2#Officially_assigned_code_elements),
// as of 2024: the latest change was the deletion of AN (2010) and the additions of
// BQ, CW, SX (2010) and SS (2011). Exceptionally reserved codes (UK, EU, EZ, UN, AC,
// CP, CQ, DG, EA, IC, TA), user-assigned ones (XK, AA, QM-QZ, XA-XZ, ZZ) and
// transitionally reserved ones (AN, CS, ...) are not countries here, although
// golang.org/x/text accepts some of them as regions.
const iso3166 = "" +
	"AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ " +
	"BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ " +
	"CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ " +
	"DE DJ DK DM DO DZ " +
	"EC EE EG EH ER ES ET " +
	"FI FJ FK FM FO FR " +
	"GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY " +
	"HK HM HN HR HT HU " +
	"ID IE IL IM IN IO IQ IR IS IT " +
	"JE JM JO JP " +
	"KE KG KH KI KM KN KP KR KW KY KZ " +
	"LA LB LC LI LK LR LS LT LU LV LY " +
	"MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ " +
	"NA NC NE NF NG NI NL NO NP NR NU NZ " +
	"OM " +
	"PA PE PF PG PH PK PL PM PN PR PS PT PW PY " +
	"QA " +
	"RE RO RS RU RW " +
	"SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ " +
	"TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ " +
	"UA UG UM US UY UZ " +
	"VA VC VE VG VI VN VU " +
	"WF WS " +
	"YE YT " +
	"ZA ZM ZW"

// countries is iso3166 as a set.
var countries = func() map[string]bool {
	m := map[string]bool{}
	for _, c := range strings.Fields(iso3166) {
		m[c] = true
	}
	return m
}()

// IsCountry reports whether code is an officially assigned ISO 3166-1 alpha-2
// code.
func IsCountry(code string) bool { return countries[code] }
