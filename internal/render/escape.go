package render

import "strings"

// Markdown escaping, in one place: every Markdown gapcheck writes (reports, the
// diff's pull-request comment, the catalogue reference, SARIF help) passes data
// through these.

// mdText keeps prose from being read as HTML: < and > are written as entities;
// carriage returns are dropped. Line breaks stay.
func mdText(s string) string {
	return strings.NewReplacer("<", "&lt;", ">", "&gt;", "\r", "").Replace(strings.TrimSpace(s))
}

// mdCell keeps text from breaking a Markdown table cell: mdText, with "|" escaped
// and line breaks written as spaces.
func mdCell(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ").Replace(mdText(s))
}

// mdLinkText is text for inside [...]: mdCell, with brackets escaped so that they
// do not end the link early.
func mdLinkText(s string) string {
	return strings.NewReplacer("[", `\[`, "]", `\]`).Replace(mdCell(s))
}

// mdURL keeps a URL from ending a Markdown link early: spaces, parentheses and
// angle brackets are percent-encoded.
func mdURL(u string) string {
	return strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29", "<", "%3C", ">", "%3E").Replace(strings.TrimSpace(u))
}
