/**
 * Administrative districts (区/县, parishes, municipalities): named areas, as MultiPolygons in
 * WGS84, for which indicators are reported. A district's population is the sum of the population
 * cells inside it, unless the planner has entered an official figure, which then wins.
 */
package org.carecircle.district;
