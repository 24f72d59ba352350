import { formatBytes, formatCount } from '../format.js';
import { formatBandwidth, formatFigure } from './text.js';
import type { Estimate, EstimationInputs } from './types.js';

const SECONDS_PER_DAY = 86_400;
const DAYS_PER_YEAR = 365;

/**
 * Back-of-envelope figures from a prompt's scale: average and peak requests per second, the read/write split at
 * peak, bandwidth at peak and storage over the retention period (before replication). `explanation` spells out
 * each step, the way one would say it at a whiteboard.
 */
export function estimate(inputs: EstimationInputs): Estimate {
  const {
    dailyActiveUsers: users,
    requestsPerUserPerDay: perUser,
    readWriteRatio: ratio,
    requestBytes,
    responseBytes,
    storedBytesPerWrite,
    retentionYears,
    peakToAverage,
    cacheHitRatio = 0,
  } = inputs;
  const requestsPerDay = users * perUser;
  const averageRps = requestsPerDay / SECONDS_PER_DAY;
  const peakRps = averageRps * peakToAverage;
  const writeShare = 1 / (1 + ratio);
  const writeRps = peakRps * writeShare;
  const readRps = peakRps - writeRps;
  const ingressBytesPerSecond = peakRps * requestBytes;
  const egressBytesPerSecond = peakRps * responseBytes;
  const writesPerDay = requestsPerDay * writeShare;
  const days = DAYS_PER_YEAR * retentionYears;
  const storageBytes = writesPerDay * storedBytesPerWrite * days;
  const originRps = peakRps * (1 - cacheHitRatio);

  const explanation = [
    `${formatFigure(users)} users x ${formatFigure(perUser)} requests a day = ${formatFigure(requestsPerDay)} requests a day.`,
    `${formatFigure(requestsPerDay)} / ${formatCount(SECONDS_PER_DAY)} s = ${formatFigure(averageRps)} requests/s on average.`,
    `x ${formatFigure(peakToAverage)} at peak = ${formatFigure(peakRps)} requests/s.`,
    `${formatFigure(ratio)} reads per write: ${formatFigure(readRps)} reads/s and ${formatFigure(writeRps)} writes/s at peak.`,
    `Ingress: ${formatFigure(peakRps)} requests/s x ${formatBytes(requestBytes)} = ${formatBandwidth(ingressBytesPerSecond)}.`,
    `Egress: ${formatFigure(peakRps)} responses/s x ${formatBytes(responseBytes)} = ${formatBandwidth(egressBytesPerSecond)}.`,
    storedBytesPerWrite > 0 && retentionYears > 0
      ? `Storage: ${formatFigure(writesPerDay)} writes a day x ${formatBytes(storedBytesPerWrite)} x ${formatFigure(days)} days = ${formatBytes(storageBytes)}, before replication.`
      : 'Storage: nothing is kept.',
  ];
  if (cacheHitRatio > 0)
    explanation.push(
      `Caches answer ${formatFigure(cacheHitRatio * 100)}% of what reaches them: ${formatFigure(originRps)} requests/s get past one cache layer.`,
    );
  return {
    averageRps,
    peakRps,
    readRps,
    writeRps,
    ingressBytesPerSecond,
    egressBytesPerSecond,
    storageBytes,
    originRps,
    explanation,
  };
}
