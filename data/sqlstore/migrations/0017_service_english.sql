-- A service's name and description in English, for letters and
-- agreements written in English; empty means the German ones are used.
ALTER TABLE services ADD COLUMN name_en TEXT NOT NULL DEFAULT '';
ALTER TABLE services ADD COLUMN description_en TEXT NOT NULL DEFAULT '';
