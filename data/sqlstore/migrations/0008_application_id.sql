-- Marks the file as a Studio Partner database ("SPrt"), so that a SQLite
-- file of another program is never mistaken for one.
PRAGMA application_id = 1397781108;
