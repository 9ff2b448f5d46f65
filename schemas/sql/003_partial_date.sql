-- 003: a dispatch whose day (or month) is blank or unreadable -- a draft, a
-- number and day written by hand after printing -- has no `date`; what is
-- printed is kept so an analyst can still place it in its month.
ALTER TABLE documents ADD COLUMN date_partial VARCHAR;   -- 'YYYY-MM-??' as printed; NULL when date is complete
