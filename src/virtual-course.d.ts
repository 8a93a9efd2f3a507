/** The course being built, checked and inlined at build time by `src/vite/course-plugin.ts`. */
declare module 'virtual:course' {
	const bundle: import('$lib/scenario/types').CourseBundle;
	export default bundle;
}
