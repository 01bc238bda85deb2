/**
 * District indicators: per district, its population, facilities by type, beds and physicians per
 * 1,000 residents and the share of residents within each access target of a planning standard,
 * each target marked pass or fail.
 */
package org.carecircle.indicator;
