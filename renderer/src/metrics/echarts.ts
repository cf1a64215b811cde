// echarts as the panel uses it: the core, line charts, a grid, tooltips and legends on a canvas,
// so the chunk holds none of the rest (about a third of the full build).
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export { echarts };
export type { ComposeOption, EChartsType } from 'echarts/core';
export type { LineSeriesOption } from 'echarts/charts';
export type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
