/** At most this many governments below: one per fictional place name. Apart from cascade.ts so that the commands' help can say it without loading the simulator. */
export const MAX_LOWER_GOVERNMENTS = 9;
