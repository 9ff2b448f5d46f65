-- 003: a dispatch whose day (or month) is blank or unreadable -- a draft, a
-- number and day written by hand after printing -- has no `date`; what is
-- printed is kept so an analyst can still place it in its month.
ALTER TABLE documents ADD COLUMN date_partial VARCHAR;   -- 'YYYY-MM-??' as printed; NULL when date is complete

-- The date to sort and filter by: the printed date, else the day the document
-- was signed (Vietnam time), with where it came from. `date` itself stays as
-- printed: a document re-signed days later must not get a false issue date.
CREATE OR REPLACE VIEW v_documents AS
    SELECT d.*,
           COALESCE(d.date, CAST(d.signed_at AS DATE)) AS date_effective,
           CASE WHEN d.date IS NOT NULL THEN 'printed'
                WHEN d.signed_at IS NOT NULL THEN 'signature' END AS date_source
    FROM documents d;
