package reports

import (
	"slices"

	"studiopartner/data"
)

// Section keys of the agreement, in the order they are printed.
const (
	SecServices     = "services"
	SecPromises     = "promises"
	SecClientPart   = "client_part"
	SecRules        = "rules"
	SecGoodwill     = "goodwill"
	SecCancellation = "cancellation"
	SecPrivacy      = "privacy"
)

// SectionKeys lists the agreement's sections in print order.
var SectionKeys = []string{SecServices, SecPromises, SecClientPart, SecRules, SecGoodwill, SecCancellation, SecPrivacy}

// DefaultClauses is the wording an agreement uses until the owner saves
// their own: version 0 of each language.
func DefaultClauses(lang string) data.ClauseSet {
	// a copy: whoever edits the wording must not change the program's own
	if lang == "en" {
		return data.ClauseSet{Language: "en", Sections: slices.Clone(defaultEN)}
	}
	return data.ClauseSet{Language: "de", Sections: slices.Clone(defaultDE)}
}

func sec(key, title, body string) data.Section {
	return data.Section{Key: key, Title: title, Body: body}
}

var defaultDE = []data.Section{
	sec(SecServices, "Die Leistungen im Einzelnen",
		"Kurse finden einmal in der Woche zur vereinbarten Zeit statt, außer an gesetzlichen Feiertagen und in den Schulferien; "+
			"der Monatsbeitrag ist auf das ganze Jahr verteilt und bleibt deshalb gleich. Sagt das Studio eine Stunde ab, "+
			"holen Sie sie nach oder erhalten den Anteil zurück – das ist keine Kulanz, sondern steht Ihnen zu. "+
			"Eine Mitgliedschaft berechtigt zu den Kursen ihres Tarifs, so oft der Stundenplan es erlaubt."),
	sec(SecPromises, "Was das Studio zusagt",
		"Wir erbringen die vereinbarten Leistungen pünktlich und sorgfältig, so wie sie oben aufgeführt sind. "+
			"Wir begegnen Ihnen freundlich und respektvoll. Wenn uns ein Fehler unterläuft, stehen wir dazu und beheben ihn zügig. "+
			"Anfragen beantworten wir innerhalb von drei Werktagen."),
	sec(SecClientPart, "Was das Studio von Ihnen erbittet",
		"Sie zahlen die vereinbarten Beträge pünktlich. Sie halten sich an vereinbarte Termine und an die Regeln in dieser Vereinbarung. "+
			"Wenn Sie einen Termin nicht wahrnehmen können, sagen Sie bitte so früh wie möglich Bescheid."),
	sec(SecRules, "Regeln, die beide Seiten einhalten",
		"Wir respektieren einander und die Arbeit des anderen. Kritik ist willkommen, wenn sie konkret und fair ist. "+
			"Meinungsverschiedenheiten versuchen wir zuerst direkt miteinander zu klären. "+
			"Rückmeldungen und Korrekturwünsche besprechen wir gern gesammelt. Einen Mangel melden Sie bitte so bald wie möglich, "+
			"damit wir ihn beheben können – Ihre Rechte bleiben davon unberührt. "+
			"Für Schäden haften beide Seiten nach den gesetzlichen Vorschriften. "+
			"Diese Regeln beschreiben gute Praxis für beide Seiten und schränken keines Ihrer Rechte ein – etwa, sich an eine "+
			"Verbraucherberatung oder einen Anwalt zu wenden oder eine Beschwerde einzureichen."),
	sec(SecGoodwill, "Kulanz",
		"Leistungen über diese Vereinbarung hinaus sind freiwillige Geschenke des Studios. "+
			"Eine gewährte Kulanz begründet keinen Anspruch auf die nächste."),
	sec(SecCancellation, "Kündigung",
		"Sie können in Textform kündigen – per Brief oder per E-Mail – oder persönlich im Studio. Wir bestätigen jede Kündigung "+
			"umgehend in Textform mit dem Datum, an dem der Vertrag endet. Kündigen ist so einfach wie der Abschluss."),
	sec(SecPrivacy, "Datenschutz",
		"Wir speichern Ihre Kontaktdaten, Ihre Verträge, Zahlungen und die Absprachen mit Ihnen, um unsere Leistungen zu erbringen "+
			"und abzurechnen (Art. 6 Abs. 1 lit. b DSGVO). Kontaktdaten löschen wir, wenn die Partnerschaft endet und nichts mehr offen ist; "+
			"Buchungsbelege bewahren wir so lange auf, wie das Gesetz es verlangt (bis zu zehn Jahre). "+
			"Sie können jederzeit eine Kopie Ihrer Daten erhalten, unrichtige Daten berichtigen und nicht mehr benötigte löschen lassen."),
}

var defaultEN = []data.Section{
	sec(SecServices, "The services in detail",
		"Classes take place once a week at the agreed time, except on public holidays and in the school holidays; "+
			"the monthly fee is spread over the whole year and so stays the same. If the studio cancels a class, "+
			"you make it up or get that share back – this is not goodwill, it is yours by right. "+
			"A membership gives access to the classes of its plan as often as the timetable allows."),
	sec(SecPromises, "What the studio promises",
		"We deliver the agreed services listed above, on time and with care. We treat you in a friendly and respectful way. "+
			"When we make a mistake, we own it and put it right quickly. We answer your requests within three working days."),
	sec(SecClientPart, "What the studio asks of you",
		"You pay the agreed amounts on time. You keep to the appointments made and to the rules in this agreement. "+
			"If you cannot come to a session, please tell us as early as you can."),
	sec(SecRules, "Rules both sides keep",
		"We respect each other and each other's work. Criticism is welcome when it is concrete and fair. "+
			"We try to settle disagreements directly with each other first. "+
			"We are glad to discuss feedback and corrections together. Please report a defect as soon as you can, "+
			"so we can put it right – your rights stay as they are. "+
			"Both sides are liable for damage as the law provides. "+
			"These rules describe good practice for both sides and limit none of your rights – for example to turn to consumer "+
			"advice or a lawyer, or to make a complaint."),
	sec(SecGoodwill, "Goodwill",
		"Anything beyond this agreement is a voluntary gift from the studio. One extra granted creates no claim to the next."),
	sec(SecCancellation, "Cancellation",
		"You can cancel in text form – by letter or by e-mail – or in person at the studio. We confirm every cancellation "+
			"promptly in text form, with the date the contract ends. Cancelling is as easy as signing up."),
	sec(SecPrivacy, "Privacy",
		"We store your contact details, your contracts, payments and what we agreed with you, to provide and bill our services "+
			"(Art. 6(1)(b) GDPR). We delete contact details when the partnership has ended and nothing is outstanding; "+
			"accounting records are kept as long as the law requires (up to ten years). "+
			"You can get a copy of your data at any time, have wrong data corrected, and have data we no longer need erased."),
}
