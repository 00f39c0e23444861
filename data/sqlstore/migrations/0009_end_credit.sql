-- What a cancelled contract's client got back for days already billed
-- after the contract's end (a quarter or a year paid in advance), in cents.
ALTER TABLE contracts ADD COLUMN end_credit_cents INTEGER NOT NULL DEFAULT 0;

-- The consumer-law and other warnings the owner accepted when an agreement
-- was printed despite them (message keys, comma-separated).
ALTER TABLE agreements ADD COLUMN accepted_warnings TEXT NOT NULL DEFAULT '';
