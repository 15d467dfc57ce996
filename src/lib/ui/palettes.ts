/**
 * Data palettes that are published schemes, written out where no library supplies them. They are
 * data colours, not design tokens: each must stay exactly as its author published it, so each
 * names its source. (The map's sequential and diverging ramps come from d3-scale-chromatic.)
 */

/**
 * Joshua Stevens' blue/pink 3×3 bivariate scheme, from "Bivariate Choropleth Maps: A How-to
 * Guide" (2015), https://www.joshuastevens.net/cartography/make-a-bivariate-choropleth-map/ ;
 * hex values as used in Observable's "Bivariate choropleth" example
 * (https://observablehq.com/@observablehq/plot-bivariate-choropleth), which indexes the list
 * as scheme[3 * a + b]. High a alone is pink, high b alone is cyan, and high/high is dark blue.
 * The two hues stay apart for the common red–green deficiencies.
 */
export const STEVENS_BLUE_PINK = ['#e8e8e8', '#ace4e4', '#5ac8c8', '#dfb0d6', '#a5add3', '#5698b9', '#be64ac', '#8c62aa', '#3b4994'] as const;

/**
 * A breakdown bar: above (up) or below (down) the median seat, per score. The ends of
 * ColorBrewer's 4-class PRGn (Cynthia Brewer, colorbrewer2.org): purple for post-industrial,
 * green for threat, dark above the median and light below.
 */
export const SCORE_COLOURS = {
	postIndustrial: { up: '#7b3294', down: '#c2a5cf' },
	threat: { up: '#008837', down: '#a6dba0' }
} as const;

/**
 * Party lines in the vote-share history: each party's own brand colour (the Liberal Democrat
 * amber, SNP yellow and Green shades darkened to stay visible on white).
 */
export const PARTY_COLOURS: Readonly<Record<string, string>> = { con: '#0087dc', lab: '#d50000', ld: '#b8860b', snp: '#6b5b00', pc: '#008142', green: '#2e7d32', right_populist: '#12b6cf' };
