-- SQLite's julianday(text) for the SQL the repositories share with SQLite: the Julian day number of
-- an ISO 8601 time (a date alone is UTC midnight, as in SQLite), or NULL when it does not read as one.
CREATE OR REPLACE FUNCTION julianday(value text) RETURNS double precision
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  IF value ~ '^\d{4}-\d{2}-\d{2}$' THEN
    RETURN extract(epoch FROM (value || 'T00:00:00Z')::timestamptz) / 86400.0 + 2440587.5;
  END IF;
  RETURN extract(epoch FROM value::timestamptz) / 86400.0 + 2440587.5;
EXCEPTION WHEN others THEN
  RETURN NULL;
END;
$$;
