-- SQLite's json_tree(json) for the SQL the repositories share with SQLite: one row per element at any
-- depth, with SQLite's key (a name or an array index), value (as text), type ('integer', 'real',
-- 'text', 'true', 'false', 'null', 'array', 'object') and path (the containing element's, as '$.a[0]').
CREATE OR REPLACE FUNCTION json_tree(doc jsonb)
RETURNS TABLE(key text, value text, type text, path text, fullkey text)
LANGUAGE sql IMMUTABLE AS $$
  WITH RECURSIVE tree(key, element, path, fullkey) AS (
    SELECT NULL::text, doc, NULL::text, '$'::text
    UNION ALL
    SELECT child.key, child.element, tree.fullkey, child.fullkey
    FROM tree CROSS JOIN LATERAL (
      SELECT member.key, member.value AS element, tree.fullkey || '.' || member.key AS fullkey
      FROM jsonb_each(CASE WHEN jsonb_typeof(tree.element) = 'object' THEN tree.element ELSE '{}'::jsonb END) AS member
      UNION ALL
      SELECT (item.ordinality - 1)::text, item.value, tree.fullkey || '[' || (item.ordinality - 1) || ']'
      FROM jsonb_array_elements(CASE WHEN jsonb_typeof(tree.element) = 'array' THEN tree.element ELSE '[]'::jsonb END)
        WITH ORDINALITY AS item
    ) AS child
  )
  SELECT key,
    CASE jsonb_typeof(element) WHEN 'string' THEN element #>> '{}' WHEN 'null' THEN NULL ELSE element::text END,
    CASE jsonb_typeof(element)
      WHEN 'number' THEN CASE WHEN element::text ~ '^-?[0-9]+$' THEN 'integer' ELSE 'real' END
      WHEN 'string' THEN 'text'
      WHEN 'boolean' THEN element::text
      ELSE jsonb_typeof(element)
    END,
    path, fullkey
  FROM tree
$$;
