package ui

import (
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"studiopartner/data"
	"studiopartner/data/disk"
	"studiopartner/data/sqlstore"
)

// backupDir is the folder backups go to.
func (a *App) backupDir() string { return a.store.BackupDir() }

// backupNow writes a backup into the backup folder.
func (a *App) backupNow() (string, error) {
	path, err := a.store.BackupInto(a.ctx, a.backupDir())
	if err == nil {
		err = a.store.SetSetting(a.ctx, sqlstore.SettingBackupDay, a.store.Today().String())
	}
	return path, err
}

// dailyBackup backs up on the first start of each day, beside the window
// with a progress bar; a failure is shown. then runs once it is done (or
// was done today already), so the next dialog opens after its progress.
func (a *App) dailyBackup(then func()) {
	if day, err := a.store.Setting(a.ctx, sqlstore.SettingBackupDay); err == nil && day == a.store.Today().String() {
		then()
		return
	}
	a.runLong(a.tr.S("backup.daily"), false, func(sqlstore.Progress) error {
		_, _, err := a.store.DailyBackup(a.ctx, a.backupDir())
		return err
	}, func(err error) {
		if err != nil {
			a.showError(err)
		}
		then()
	})
}

// onClose backs up before the window closes; if that fails the window
// says so and stays, and closing again closes without a backup.
func (a *App) onClose() {
	if a.busy.Load() > 0 {
		a.showMessage(a.tr.S("progress.title"), a.tr.S("progress.close"))
		return
	}
	if a.closeAnyway || a.store.OnServer() { // a server's backup is the day's, made by its first counter
		a.win.Close()
		return
	}
	a.runLong(a.tr.S("backup.closing"), false, func(sqlstore.Progress) error {
		_, err := a.backupNow()
		return err
	}, func(err error) {
		if err != nil {
			a.closeAnyway = true
			a.showMessage(a.tr.S("backup.close.title"), a.tr.S("backup.close.failed", "Error", a.tr.Err(err)))
			return
		}
		a.win.Close()
	})
}

// backupCard is the Settings section for backups: the folder, a backup
// on demand, the newest backups, and restoring one.
func (s *settingsScreen) backupCard() fyne.CanvasObject {
	a, tr := s.a, s.a.tr
	s.backupFolder = a.keys.newEntry()
	s.backupList = widget.NewLabel("")
	s.backupList.Wrapping = fyne.TextWrapWord
	pick := widget.NewButtonWithIcon(tr.S("icon.choose"), theme.FolderOpenIcon(), func() {
		a.pickFolder(func(dir string) {
			s.backupFolder.SetText(dir)
			s.onSaveBackupDir()
		})
	})
	s.backupFolder.OnSubmitted = func(string) { s.onSaveBackupDir() }
	now := widget.NewButtonWithIcon(tr.S("backup.now"), theme.DocumentSaveIcon(), s.onBackupNow)
	restore := widget.NewButtonWithIcon(tr.S("backup.restore"), theme.HistoryIcon(), s.onRestore)
	restore.Importance = widget.DangerImportance
	return settingsCard(tr.S("settings.backups"), tr.S("settings.backups.hint"), container.NewVBox(
		container.NewBorder(nil, nil, widget.NewLabel(tr.S("backup.folder")), pick, s.backupFolder),
		s.backupList, buttonRow(restore, now)))
}

// reloadBackups shows the folder and the newest backups.
func (s *settingsScreen) reloadBackups() {
	tr := s.a.tr
	dir := s.a.backupDir()
	s.backupFolder.SetText(dir)
	list, err := disk.Backups(dir, s.a.store.BackupPrefix())
	switch {
	case err != nil:
		s.backupList.SetText(tr.Err(err))
	case len(list) == 0:
		s.backupList.SetText(tr.S("backup.none"))
	default:
		s.backupList.SetText(tr.N("backup.count", len(list), "Newest", list[0].At.Format("02.01.2006 15:04")))
	}
}

func (s *settingsScreen) onSaveBackupDir() {
	if err := s.st().SetSetting(s.a.ctx, disk.SettingBackupDir, s.backupFolder.Text); err != nil {
		s.changed(err, s.a.showError)
	}
	s.reloadBackups()
}

func (s *settingsScreen) onBackupNow() {
	a := s.a
	var path string
	a.runLong(a.tr.S("backup.now"), false, func(sqlstore.Progress) error {
		var err error
		path, err = a.backupNow()
		return err
	}, func(err error) {
		if err != nil {
			a.showError(err)
			return
		}
		s.reloadBackups()
		a.showMessage(a.tr.S("backup.now"), a.tr.S("cli.backup.done", "Path", path))
	})
}

// onRestore asks for a backup, says what it holds, and only then swaps it
// in; the window then shows the restored records.
func (s *settingsScreen) onRestore() {
	a, tr := s.a, s.a.tr
	if err := a.store.Allow(data.OpRestore); err != nil {
		a.showError(err)
		return
	}
	a.pickFile(nil, func(from string) {
		var ask string
		if a.store.OnServer() && disk.IsDump(from) { // what it holds shows once it is restored
			ask = tr.S("backup.restore.ask_dump", "Name", filepath.Base(from))
		} else {
			info, err := sqlstore.InspectBackup(from)
			if err != nil {
				a.showError(err)
				return
			}
			ask = tr.S("backup.restore.ask", "Date", info.LastAt, "Clients", info.Clients, "Payments", info.Payments,
				"Goodwill", info.Goodwill)
		}
		if a.store.OnServer() {
			ask += "\n\n" + tr.S("backup.restore.server")
		}
		msg := widget.NewLabel(ask)
		msg.Wrapping = fyne.TextWrapWord
		dlg := a.newFormDialog(tr.S("backup.restore"), tr.S("backup.restore.confirm"), msg, func() bool {
			if a.store.OnServer() {
				a.restoreOnServer(from)
			} else {
				a.restoreFrom(from)
			}
			return true
		})
		dlg.show(fyne.NewSize(520, 260), nil)
	})
}

// restoreOnServer restores the backup onto the studio server, off the UI
// goroutine, and shows the restored studio over a new connection. While
// other counters are connected it is refused, and they are told.
func (a *App) restoreOnServer(from string) {
	c, store, actor := a.currentConnection(), a.store, a.store.Actor()
	var info disk.BackupInfo
	var safety string
	var fresh *sqlstore.Store
	a.askedRestore = time.Now() // the request this window may make is not shown to itself
	a.runLong(a.tr.S("backup.restore"), false, func(sqlstore.Progress) error {
		var err error
		if info, safety, err = store.RestoreServer(a.ctx, from); err != nil {
			return err
		}
		fresh, err = a.openConnection(c)
		return err
	}, func(err error) {
		if err != nil {
			a.showError(err)
			return
		}
		fresh.SetActor(actor)
		a.useStore(fresh)
		a.showMessage(a.tr.S("backup.restore"), a.tr.S("cli.restore.done", "Date", info.LastAt, "Clients", info.Clients,
			"Payments", info.Payments, "Goodwill", info.Goodwill, "Safety", safety))
	})
}

// restoreFrom closes the database, restores the backup off the UI
// goroutine and opens the database again.
func (a *App) restoreFrom(from string) {
	path := a.store.Path()
	actor, role := a.store.Actor(), a.store.Role()
	now := a.store.Now
	a.store.Close()
	var info disk.BackupInfo
	var safety string
	var reopened *sqlstore.Store
	var openErr error
	a.runLong(a.tr.S("backup.restore"), false, func(sqlstore.Progress) error {
		var err error
		info, safety, err = sqlstore.Restore(path, from, role)
		reopened, openErr = sqlstore.Open(path)
		return err
	}, func(rerr error) {
		if openErr != nil {
			a.showError(openErr)
			return
		}
		reopened.Now = now
		reopened.SetActor(actor)
		a.atBranch(reopened)
		a.store = reopened
		a.flagged = -1
		a.build()
		if rerr != nil {
			a.showError(rerr)
			return
		}
		msg := a.tr.S("cli.restore.done", "Date", info.LastAt, "Clients", info.Clients,
			"Payments", info.Payments, "Goodwill", info.Goodwill, "Safety", safety)
		if n := len(reopened.ReappliedErasures()); n > 0 {
			msg += "\n" + a.tr.N("erase.reapplied", n)
		}
		a.showMessage(a.tr.S("backup.restore"), msg)
	})
}

// offerRepair explains a damaged database and offers the newest backup.
func (a *App) offerRepair(problem string) {
	tr := a.tr
	list, _ := disk.Backups(a.backupDir(), a.store.BackupPrefix())
	if len(list) == 0 {
		a.showMessage(tr.S("repair.title"), tr.S("repair.no_backup", "Problem", problem))
		return
	}
	newest := list[0]
	msg := widget.NewLabel(tr.S("repair.offer", "Problem", problem, "Date", newest.At.Format("02.01.2006 15:04")))
	msg.Wrapping = fyne.TextWrapWord
	dlg := a.newFormDialog(tr.S("repair.title"), tr.S("backup.restore.confirm"), msg, func() bool {
		a.restoreFrom(newest.Path)
		return true
	})
	dlg.show(fyne.NewSize(540, 260), nil)
}
