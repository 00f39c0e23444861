-- Where a contract was concluded: at the studio, elsewhere (off the
-- premises) or at a distance (phone, e-mail, online). The last two carry a
-- 14-day right of withdrawal (§§ 312b, 312c, 312g, 355 BGB).
ALTER TABLE contracts ADD COLUMN concluded TEXT NOT NULL DEFAULT 'studio'
    CHECK (concluded IN ('studio', 'elsewhere', 'distance'));
