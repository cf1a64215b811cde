import './metrics.css';

export { MetricsAside } from './MetricsAside';
export { PlayerStrip } from './PlayerStrip';
