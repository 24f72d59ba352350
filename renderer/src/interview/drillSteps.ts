import type { DrillStep } from '../../../shared/interview/index.js';

/** A drill step as the menu names it: what the interviewer does, before what they say. */
export function drillStepTitle(step: DrillStep): string {
  switch (step.kind) {
    case 'crashRegion':
      return 'A region goes down';
    case 'partitionRegions':
      return 'Regions are partitioned';
    case 'slowDatabase':
      return `The database is ${step.factor}× slower`;
    case 'surge':
      return `Traffic surges ${step.factor}×`;
    case 'crashNode':
      return `The ${step.target === 'loadBalancer' ? 'load balancer' : step.target} crashes`;
  }
}
