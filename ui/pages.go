package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Screen names, as --page and the sidebar know them.
const (
	PageCounter  = "counter"
	PageClients  = "clients"
	PageGoodwill = "goodwill"
	PageDemands  = "demands"
	PageFlags    = "flags"
	PageBalances = "balances"
	PageServices = "services"
	PageClauses  = "clauses"
	PageReview   = "review"
	PageSettings = "settings"
	PageAudit    = "audit"
	PageDebit    = "debit"
)

// page declares one screen: the sidebar, the shortcuts, --page, the smoke
// test and the role check all come from the list of pages.
type page struct {
	name  string
	icon  func() fyne.Resource
	label string       // translation key of its name in the sidebar
	key   fyne.KeyName // Ctrl+key opens it; "" none
	owner bool         // only the owner sees it
	build func(a *App) screen
}

// pages are the screens in sidebar order (set in init: the screens refer
// back to the list when they switch screens).
var pages []page

func init() { pages = pageList() }

func pageList() []page {
	return []page{
		{PageCounter, theme.HomeIcon, "nav.counter", fyne.Key1, false, func(a *App) screen { a.counter = newCounterScreen(a); return a.counter }},
		{PageClients, theme.AccountIcon, "nav.clients", fyne.Key2, false, func(a *App) screen { a.clients = newClientsScreen(a); return a.clients }},
		{PageGoodwill, theme.ContentAddIcon, "nav.goodwill", fyne.Key3, false, func(a *App) screen { return newGoodwillScreen(a) }},
		{PageDemands, theme.QuestionIcon, "nav.demands", fyne.Key4, false, func(a *App) screen { return newDemandsScreen(a) }},
		{PageFlags, theme.WarningIcon, "nav.flags", fyne.Key5, false, func(a *App) screen { return newFlagsScreen(a) }},
		{PageBalances, theme.StorageIcon, "nav.balances", fyne.Key6, false, func(a *App) screen { return newBalancesScreen(a) }},
		{PageReview, theme.InfoIcon, "nav.review", fyne.Key7, true, func(a *App) screen { return newReviewScreen(a) }},
		{PageServices, theme.ListIcon, "nav.services", fyne.Key8, false, func(a *App) screen { return newServicesScreen(a) }},
		{PageDebit, theme.MailSendIcon, "nav.debit", "", true, func(a *App) screen { return newDebitScreen(a) }},
		{PageClauses, theme.DocumentIcon, "nav.clauses", "", true, func(a *App) screen { return newClausesScreen(a) }},
		{PageAudit, theme.VisibilityIcon, "nav.audit", fyne.Key9, true, func(a *App) screen { a.audit = newAuditScreen(a); return a.audit }},
		{PageSettings, theme.SettingsIcon, "nav.settings", fyne.Key0, true, func(a *App) screen { return newSettingsScreen(a) }},
	}
}

// PageNames lists the screens' names in sidebar order.
func PageNames() []string {
	names := make([]string, len(pages))
	for i, p := range pages {
		names[i] = p.name
	}
	return names
}

// ValidPage reports whether name names a screen (for --page).
func ValidPage(name string) bool {
	_, ok := pageNamed(name)
	return ok
}

// pageNamed finds a screen's declaration.
func pageNamed(name string) (page, bool) {
	for _, p := range pages {
		if p.name == name {
			return p, true
		}
	}
	return page{}, false
}

// mayOpen reports whether the person signed in may see the screen.
func (a *App) mayOpen(name string) bool {
	p, ok := pageNamed(name)
	return ok && (!p.owner || a.ownerSignedIn())
}

// screen returns a screen, built the first time it is asked for.
func (a *App) screen(name string) screen {
	if sc, ok := a.built[name]; ok {
		return sc
	}
	p, ok := pageNamed(name)
	if !ok {
		return nil
	}
	sc := p.build(a)
	a.built[name] = sc
	return sc
}

// counterPage and the ones below return a screen other screens work
// with, built if it was not yet.
func (a *App) counterPage() *counterScreen {
	a.screen(PageCounter)
	return a.counter
}

func (a *App) clientsPage() *clientsScreen {
	a.screen(PageClients)
	return a.clients
}

func (a *App) auditPage() *auditScreen {
	a.screen(PageAudit)
	return a.audit
}
