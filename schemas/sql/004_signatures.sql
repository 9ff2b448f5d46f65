-- 004: the digital signatures embedded in a file (VGCA certificates on
-- e-government PDFs: one for the signer, one for the issuing office), kept as
-- provenance. What the certificates claim; nothing is verified offline.
CREATE TABLE IF NOT EXISTS signatures (
    doc_id        VARCHAR NOT NULL,          -- documents.doc_id
    position      INTEGER NOT NULL,          -- order in the file
    field         VARCHAR,                   -- the PDF form field holding it
    signer        VARCHAR,                   -- certificate common name: a person or the body
    organisation  VARCHAR,
    unit          VARCHAR,
    signed_at     TIMESTAMP,                 -- Vietnam wall-clock time, like documents.signed_at
    PRIMARY KEY (doc_id, position)
);
