/**
 * A skill as people read it: the directory stores skills as identifiers (`incident_response`),
 * reasons shown to agents and admins say "incident response".
 */
export function skillInWords(skill: string): string {
  return skill.replace(/[_-]+/g, ' ').trim();
}
