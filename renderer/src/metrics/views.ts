import './metrics.css';

export { MetricsAside } from './MetricsAside';
