-- What a cancelled contract's client got back for days already billed
-- after the contract's end (a quarter or a year paid in advance), in cents.
ALTER TABLE contracts ADD COLUMN end_credit_cents INTEGER NOT NULL DEFAULT 0;
