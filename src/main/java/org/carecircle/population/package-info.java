/**
 * Where people live. A population cell is a point (with an optional cell polygon) carrying a count
 * of residents: a raster pixel, a grid or hexagon cell, or a census unit. The cells of one import
 * form the population layer, which each import replaces whole.
 */
package org.carecircle.population;
