-- The monthly sums of goodwill, payments and visits and each client's
-- running membership are kept by the program in the transaction of every
-- change (data/derived.go), the same way on every database engine; the
-- triggers that kept them here go.
DROP TRIGGER goodwill_sums_insert;
DROP TRIGGER goodwill_sums_update_old;
DROP TRIGGER goodwill_sums_update_new;
DROP TRIGGER goodwill_sums_delete;
DROP TRIGGER payment_months_insert;
DROP TRIGGER members_contract_insert;
DROP TRIGGER members_contract_update;
DROP TRIGGER members_contract_delete;
DROP TRIGGER members_service_kind;
DROP TRIGGER visit_months_insert;
DROP TRIGGER visit_months_update_old;
DROP TRIGGER visit_months_update_new;
DROP TRIGGER visit_months_delete;
