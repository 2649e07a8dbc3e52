import type { SkillRequirement } from '@baton/schemas/types';
import { SKILL_LEVELS, useKnownSkills } from '../common/useKnownSkills.ts';

/** Skills an agent must have, each with a least level in words. */
export function SkillRequirements({
  value,
  onChange,
}: {
  value: SkillRequirement[];
  onChange(next: SkillRequirement[]): void;
}) {
  const skills = useKnownSkills();
  const update = (i: number, patch: Partial<SkillRequirement>) =>
    onChange(value.map((r, j) => (i === j ? { ...r, ...patch } : r)));
  return (
    <div className="calendar-hours">
      {value.map((req, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
        <div key={i} className="inline-row">
          <input
            className="settings-input"
            list="known-skills"
            aria-label={`Skill ${i + 1}`}
            value={req.skill}
            placeholder="Skill"
            onChange={(e) => update(i, { skill: e.target.value })}
          />
          <label className="inline-row">
            <span className="muted">at least</span>
            <select
              aria-label={`Least level of skill ${i + 1}`}
              value={req.minLevel ?? 1}
              onChange={(e) => update(i, { minLevel: Number(e.target.value) })}
            >
              {SKILL_LEVELS.map((l) => (
                <option key={l.value} value={l.value}>
                  {l.label}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="button button-ghost button-small"
            onClick={() => onChange(value.filter((_, j) => j !== i))}
          >
            Remove
          </button>
        </div>
      ))}
      <datalist id="known-skills">
        {skills.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
      <div>
        <button
          type="button"
          className="button button-small"
          onClick={() => onChange([...value, { skill: '', minLevel: 1 }])}
        >
          Add a required skill
        </button>
      </div>
    </div>
  );
}
