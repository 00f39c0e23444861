// Package assets embeds the files the program ships with: the icon and the
// names the demo studio is made of.
package assets

import _ "embed"

// Icon is the application icon, 256×256 PNG.
//
//go:embed icon.png
var Icon []byte

// FirstNames are given names for demo clients: German and international,
// with umlauts and accents.
var FirstNames = []string{
	"Anna", "Lena", "Mia", "Emma", "Hannah", "Sophie", "Lea", "Marie", "Lina", "Ella", "Clara", "Greta",
	"Jürgen", "Jörg", "Björn", "Sören", "Günther", "Käthe", "Jonas", "Leon", "Paul", "Felix", "Maximilian",
	"Lukas", "Noah", "Elias", "Finn", "Ben", "Luis", "Emil", "Anton", "Theo", "Matthias", "Sabine", "Ute",
	"José", "María", "Chloé", "Zoë", "Renée", "Agnès", "Inés", "Begoña", "Søren", "Ægir", "Łukasz", "Małgorzata",
	"Ayşe", "Mehmet", "Özlem", "Emre", "Elif", "Yusuf", "Aleksandra", "Dmitri", "Olena", "Chiara", "Giulia",
	"Matteo", "Niamh", "Siobhán", "Amélie", "François", "Noémie", "João", "Conceição", "Priya", "Aarav",
	"Mei", "Hiroshi", "Yuki", "Kwame", "Amara", "Fatima", "Omar", "Layla", "Ingrid", "Astrid", "Nils",
}

// LastNames are family names for demo clients.
var LastNames = []string{
	"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
	"Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann",
	"Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt", "Werner", "Krause", "Meier", "Lehmann",
	"Köhler", "Groß", "Weiß", "Jäger", "Böhm", "König", "Kühn", "Vogt", "Öztürk", "Yılmaz", "Kaya", "Demir",
	"Şahin", "Nowak", "Kowalski", "Wiśniewska", "Dvořák", "Novák", "Horváth", "García", "Martínez", "Fernández",
	"Rodríguez", "Núñez", "Peña", "Rossi", "Bianchi", "Esposito", "Lefèvre", "Dubois", "Moreau", "Gonçalves",
	"O'Brien", "Ó Briain", "Nguyen", "Tanaka", "Kim", "Okafor", "Mensah", "Andersson", "Johansson", "Løvgren",
	"Petrov", "Ivanova", "Kovalenko", "Haddad", "Al-Sayed", "Sharma", "Patel", "Chen", "Wang", "Bergström",
}

// Streets are street names for demo addresses.
var Streets = []string{
	"Hauptstraße", "Schulstraße", "Gartenweg", "Lindenallee", "Bahnhofstraße", "Am Mühlbach", "Rosenstraße",
	"Goethestraße", "Schillerplatz", "Kirchgasse", "Birkenweg", "Ringstraße", "Sonnenhang", "Marktplatz",
}

// Towns are postcodes and towns for demo addresses.
var Towns = []string{
	"10115 Berlin", "20095 Hamburg", "50667 Köln", "80331 München", "04109 Leipzig", "60311 Frankfurt am Main",
	"70173 Stuttgart", "01067 Dresden", "28195 Bremen", "90402 Nürnberg", "79098 Freiburg im Breisgau",
}

// DejaVu Sans, regular and bold, for the PDFs: it has umlauts, ß, €,
// typographic quotes and dashes. The files are cut down to the Latin,
// Greek and Cyrillic scripts, punctuation and common symbols (fontTools'
// subsetter), which makes each PDF quicker to write. Its licence is in
// fonts/LICENSE-DejaVu.txt.
var (
	//go:embed fonts/DejaVuSans.ttf
	FontRegular []byte
	//go:embed fonts/DejaVuSans-Bold.ttf
	FontBold []byte
)
