/**
 * The starting file `npm run scenarios:new <id>` writes: a small scenario that already passes the
 * checker, with a comment on every key, so a trainer edits a working file instead of an empty one.
 */
import { schemaLine } from './json-schema.ts';
import { ID_RULE, idSuggestion } from './messages.ts';
import { FORMAT, ID_PATTERN, LIMITS } from '../../lib/scenario/schema.ts';
import { AUDIENCES, THEMES } from '../../lib/scenario/types.ts';

/** Why an id can't name a new scenario, with what to use instead; undefined when it can. */
export function newIdProblem(id: string): { message: string; hint: string } | undefined {
	if (id.length > LIMITS.id) {
		return {
			message: `the id \`${id}\` is ${id.length} characters long; ids can be at most ${LIMITS.id}`,
			hint: `Shorten it by ${id.length - LIMITS.id}, for example \`${id.slice(0, LIMITS.id).replace(/_+$/, '')}\`.`
		};
	}
	if (ID_PATTERN.test(id)) return undefined;
	const suggestion = idSuggestion(id);
	return {
		message: `the id \`${id}\` is not allowed: ${ID_RULE}`,
		hint: suggestion
			? `Try \`${suggestion}\`.`
			: 'Use lower case letters, digits and _ only, such as `fall_at_home`.'
	};
}

/**
 * A commented scenario file for `id`, ready to edit. The id must already be valid; `schemaLink` is
 * the schema's path from the file's folder, for a file written outside the scenarios folder.
 */
export function scenarioTemplate(id: string, schemaLink?: string): string {
	return `${schemaLine('scenario', schemaLink)}
# A new scenario. Replace each text with your own, then run:
#   npm run scenarios:check scenarios/${id}.yaml   (finds mistakes, shows the scores)
#   npm run scenarios:map scenarios/${id}.yaml     (draws the branches)
# Every key is explained in scenarios/README.md. Lines starting with # are notes for you;
# learners never see them.

format: ${FORMAT} # the version of this file format; always ${FORMAT} for now
id: ${id} # the same as the file name, without .yaml
version: 1 # raise it when a change makes learners' saved progress meaningless
title: A short title for the case # up to ${LIMITS.title} characters

# The main theme, one of: ${THEMES.join(', ')}.
theme: professional_curiosity

# Who it suits, any of: ${AUDIENCES.join(', ')}.
audiences: [csp]

# Shown before the scenario starts: the learner's role and the setting, in one or two sentences.
summary: >
  You are a practitioner meeting someone for the first time. Describe the learner's role and
  the setting here.

start: arrival # the id of the first node

# Each node has an id (lower case letters, digits and _) and a type: narrative, decision or
# ending. Paths only go forward, and every path must reach an ending.
nodes:
  arrival:
    type: narrative # something happens; the learner reads it and continues
    text: |
      Set the scene: what the learner sees and hears when they arrive. Keep detail
      non-graphic, and write it as it would really happen.
    next: first_decision

  first_decision:
    type: decision # the learner picks one of ${LIMITS.choices.min} to ${LIMITS.choices.max} choices
    text: |
      Describe the moment the learner has to decide: what they notice, and what makes it
      hard.
    prompt: What do you do next?
    choices:
      good_practice:
        text: The choice that reflects good practice.
        points: 3 # a whole number from 0 to ${LIMITS.points}, credited to the theme above
        feedback: |
          Say why this matters and what good practice is, in a sentence or two.
        next: good_end
      partly_right:
        text: A choice that helps a little but misses something important.
        points: 1
        feedback: |
          Say what this choice gets right, what it misses, and what would have been better.
        next: mixed_end
      missed_it:
        text: A choice that misses the signs.
        points: 0
        critical: true # taking it fails the scenario whatever the points
        feedback: |
          Without blaming anyone, explain what was missed and what good practice would have
          done instead.
        next: poor_end

  good_end:
    type: ending
    outcome: good # good, mixed or poor; a scenario needs at least one good and one poor ending
    text: |
      What happened next, and what the learner's practice made possible.

  mixed_end:
    type: ending
    outcome: mixed
    text: |
      What happened next: some help was given, but a risk stayed unseen.

  poor_end:
    type: ending
    outcome: poor
    text: |
      What happened next because the signs were missed. Keep the responsibility with the person
      causing harm.
`;
}
