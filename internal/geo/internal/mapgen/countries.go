package mapgen

// country is an entry of the generator's table of the countries it draws.
type country struct {
	// Code is the ISO 3166-1 alpha-2 code ("XK" for Kosovo, as the EU uses it).
	Code string
	// Name is the short English name.
	Name string
	// State marks the 32 states that gapcheck reports on; the others are drawn as
	// background.
	State bool
}

// countryKey names a world-atlas feature: "id:NNN" by its ISO 3166-1 numeric id,
// or "name:NAME" for the few features without one.
func countryKey(f Feature) string {
	if f.ID != "" {
		return "id:" + f.ID
	}
	return "name:" + f.Name
}

// countries maps the world-atlas features that the map draws to the country they
// belong to. Åland (an autonomous region of Finland) is drawn as part of Finland,
// and Northern Cyprus as part of Cyprus, as Eurostat's maps do: the whole island
// is EU territory. A feature that lies in the frame and is not in this table makes
// the generator fail, so that nothing is drawn by accident.
func countries() map[string]country {
	return map[string]country{
		// The 32 states.
		"id:040":         {"AT", "Austria", true},
		"id:056":         {"BE", "Belgium", true},
		"id:100":         {"BG", "Bulgaria", true},
		"id:196":         {"CY", "Cyprus", true},
		"name:N. Cyprus": {"CY", "Cyprus", true},
		"id:203":         {"CZ", "Czechia", true},
		"id:276":         {"DE", "Germany", true},
		"id:208":         {"DK", "Denmark", true},
		"id:233":         {"EE", "Estonia", true},
		"id:724":         {"ES", "Spain", true},
		"id:246":         {"FI", "Finland", true},
		"id:248":         {"FI", "Finland", true},
		"id:250":         {"FR", "France", true},
		"id:826":         {"GB", "United Kingdom", true},
		"id:300":         {"GR", "Greece", true},
		"id:191":         {"HR", "Croatia", true},
		"id:348":         {"HU", "Hungary", true},
		"id:372":         {"IE", "Ireland", true},
		"id:380":         {"IT", "Italy", true},
		"id:440":         {"LT", "Lithuania", true},
		"id:442":         {"LU", "Luxembourg", true},
		"id:428":         {"LV", "Latvia", true},
		"id:470":         {"MT", "Malta", true},
		"id:528":         {"NL", "Netherlands", true},
		"id:616":         {"PL", "Poland", true},
		"id:620":         {"PT", "Portugal", true},
		"id:642":         {"RO", "Romania", true},
		"id:752":         {"SE", "Sweden", true},
		"id:705":         {"SI", "Slovenia", true},
		"id:703":         {"SK", "Slovakia", true},
		"id:578":         {"NO", "Norway", true},
		"id:352":         {"IS", "Iceland", true},
		"id:756":         {"CH", "Switzerland", true},
		"id:438":         {"LI", "Liechtenstein", true},

		// Background: the other countries with land in the frame.
		"id:008":      {"AL", "Albania", false},
		"id:012":      {"DZ", "Algeria", false},
		"id:020":      {"AD", "Andorra", false},
		"id:031":      {"AZ", "Azerbaijan", false},
		"id:051":      {"AM", "Armenia", false},
		"id:070":      {"BA", "Bosnia and Herzegovina", false},
		"id:112":      {"BY", "Belarus", false},
		"id:234":      {"FO", "Faroe Islands", false},
		"id:268":      {"GE", "Georgia", false},
		"id:275":      {"PS", "Palestine", false},
		"id:304":      {"GL", "Greenland", false},
		"id:336":      {"VA", "Vatican City", false},
		"id:364":      {"IR", "Iran", false},
		"id:368":      {"IQ", "Iraq", false},
		"id:376":      {"IL", "Israel", false},
		"id:398":      {"KZ", "Kazakhstan", false},
		"id:400":      {"JO", "Jordan", false},
		"id:422":      {"LB", "Lebanon", false},
		"id:434":      {"LY", "Libya", false},
		"id:492":      {"MC", "Monaco", false},
		"id:498":      {"MD", "Moldova", false},
		"id:499":      {"ME", "Montenegro", false},
		"id:504":      {"MA", "Morocco", false},
		"id:643":      {"RU", "Russia", false},
		"id:674":      {"SM", "San Marino", false},
		"id:688":      {"RS", "Serbia", false},
		"id:760":      {"SY", "Syria", false},
		"id:788":      {"TN", "Tunisia", false},
		"id:792":      {"TR", "Turkey", false},
		"id:804":      {"UA", "Ukraine", false},
		"id:807":      {"MK", "North Macedonia", false},
		"id:818":      {"EG", "Egypt", false},
		"id:831":      {"GG", "Guernsey", false},
		"id:832":      {"JE", "Jersey", false},
		"id:833":      {"IM", "Isle of Man", false},
		"name:Kosovo": {"XK", "Kosovo", false},
	}
}

// reassignment moves one polygon of a feature to another country: the polygon of
// the feature of country From whose outer ring contains the point At (longitude,
// latitude) is drawn as part of To.
type reassignment struct {
	From string
	At   Point
	To   country
}

// reassignments corrects Natural Earth's de facto borders where the EU, whose
// states gapcheck reports on, does not recognise them: Crimea, which world-atlas
// draws as part of Russia, is drawn as part of Ukraine (as in UN General Assembly
// resolution 68/262). Both are background, so only the border line and the
// data-code of the path change.
func reassignments() []reassignment {
	return []reassignment{
		{From: "RU", At: Point{34.1, 45.3}, To: country{"UA", "Ukraine", false}},
	}
}
