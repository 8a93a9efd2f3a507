/** Trainers separate paragraphs with a blank line; single line breaks are folded like prose. */
export const paragraphs = (text: string): string[] =>
	text
		.split(/\n\s*\n/)
		.map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
		.filter(Boolean);
