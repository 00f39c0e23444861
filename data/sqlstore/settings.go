package sqlstore

import (
	"context"
	_ "image/jpeg" // logos may be JPEG
	_ "image/png"  // or PNG
	"studiopartner/data"
)

// Studio returns the studio's profile.
func (s *Store) Studio(ctx context.Context) (data.Studio, error) {
	var p data.Studio
	for k, f := range p.Fields() {
		v, err := s.Setting(ctx, k)
		if err != nil {
			return p, err
		}
		*f = v
	}
	return p, nil
}

// SaveStudio validates and stores the studio's profile.
func (s *Store) SaveStudio(ctx context.Context, p data.Studio) error {
	if err := s.Allow(data.OpSettings); err != nil {
		return err
	}
	if err := p.Validate(); err != nil {
		return err
	}
	return s.write(ctx, func(tx *dbx) error {
		var before data.Studio
		for k, f := range before.Fields() {
			if err := tx.QueryRow(`SELECT coalesce((SELECT value FROM settings WHERE key = ?), '')`, k).Scan(f); err != nil {
				return err
			}
		}
		for k, f := range p.Fields() {
			if err := setSetting(tx, k, *f); err != nil {
				return err
			}
		}
		return s.audit(tx, "settings", 0, data.ActionUpdate, before, p)
	})
}

// StudioLanguage is the language the studio writes its own records in
// (the goodwill text of an extra session, a charge's words): the one its
// window was last set to, else fallback.
func (s *Store) StudioLanguage(ctx context.Context, fallback string) string {
	if l, err := s.Setting(ctx, data.SettingLanguage); err == nil && data.OneOf(l, data.Languages) {
		return l
	}
	return fallback
}

// Setting returns one stored setting, or "" when unset.
// Inside a snapshot, all settings are read at the first call, in one
// statement, and served from there: they cannot change within it.
func (s *Store) Setting(ctx context.Context, key string) (string, error) {
	if s.snap || s.cacheSettings {
		return s.snapSetting(ctx, key)
	}
	var v string
	err := s.read.QueryRowContext(ctx, `SELECT coalesce((SELECT value FROM settings WHERE key = ?), '')`, key).Scan(&v)
	return v, internal(err)
}

// snapSetting reads a setting of a snapshot view (or of the view freshen
// works with), all settings at once.
func (s *Store) snapSetting(ctx context.Context, key string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.settings == nil {
		all := map[string]string{}
		err := eachRow(ctx, s.read, `SELECT key, value FROM settings`, func(r rowsOf) error {
			var k, v string
			err := r.Scan(&k, &v)
			all[k] = v
			return err
		})
		if err != nil {
			return "", internal(err)
		}
		s.settings = all
	}
	return s.settings[key], nil
}

// SetSetting stores one setting. A setting that belongs to the owner (see
// SettingOp) is refused to anyone else, whatever calls it, and its change
// is written to the audit log.
func (s *Store) SetSetting(ctx context.Context, key, value string) error {
	return s.setSetting(ctx, key, value, value)
}

// setSetting stores one setting; an owner's setting is audited with shown
// as its new value (a number for money, so the log writes it as money).
func (s *Store) setSetting(ctx context.Context, key, value string, shown any) error {
	op, owners := data.SettingOp(key)
	if owners {
		if err := s.Allow(op); err != nil {
			return err
		}
	}
	return s.write(ctx, func(tx *dbx) error {
		if err := setSetting(tx, key, value); err != nil || !owners {
			return err
		}
		return s.audit(tx, "settings", 0, data.ActionUpdate, nil, map[string]any{key: shown})
	})
}

func setSetting(tx *dbx, key, value string) error {
	_, err := tx.Exec(`INSERT INTO settings (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
	return err
}
