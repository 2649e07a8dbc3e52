export function TagList({ tags, max }: { tags: string[]; max?: number }) {
  if (!tags.length) return null;
  const shown = max === undefined ? tags : tags.slice(0, max);
  const hidden = tags.length - shown.length;
  return (
    <span className="tags">
      {shown.map((tag) => (
        <span key={tag} className="tag">
          {tag}
        </span>
      ))}
      {hidden > 0 && (
        <span className="tag tag-more" title={tags.slice(shown.length).join(', ')}>
          +{hidden}
        </span>
      )}
    </span>
  );
}
