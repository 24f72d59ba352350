/** WebM codecs to ask the browser's recorder for, best first. */
const MIME_TYPES = ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm'];

/** Whether this browser can record a canvas as WebM. */
export function webmSupported(): boolean {
  return (
    typeof MediaRecorder !== 'undefined' &&
    typeof HTMLCanvasElement !== 'undefined' &&
    typeof HTMLCanvasElement.prototype.captureStream === 'function' &&
    MIME_TYPES.some((t) => MediaRecorder.isTypeSupported(t))
  );
}

interface FrameRequestingTrack extends MediaStreamTrack {
  requestFrame?: () => void;
}

/**
 * Records a canvas as WebM with the browser's MediaRecorder. The recorder stamps frames with the wall clock, so
 * frames are handed over one every 1/fps seconds: composing runs ahead, presenting keeps time. A recording of
 * 10 s therefore takes 10 s, and what each frame shows is still decided by the recording's own clock.
 */
export class WebmWriter {
  private readonly recorder: MediaRecorder;
  private readonly track: FrameRequestingTrack;
  private readonly chunks: Blob[] = [];
  private readonly stopped: Promise<void>;
  private startWall = 0;
  private frames = 0;
  private error: Error | null = null;

  constructor(
    canvas: HTMLCanvasElement,
    private readonly fps: number,
    bitsPerSecond: number,
  ) {
    const mimeType = MIME_TYPES.find((t) => MediaRecorder.isTypeSupported(t));
    if (!mimeType) throw new Error('this browser cannot record WebM video');
    // Frame rate 0: a frame is captured only when asked for, so every composed frame is one video frame. Where
    // tracks cannot be asked, the canvas is captured whenever it changes, at most at the frame rate.
    let stream = canvas.captureStream(0);
    let track = stream.getVideoTracks()[0] as FrameRequestingTrack | undefined;
    if (!track?.requestFrame) {
      track?.stop();
      stream = canvas.captureStream(fps);
      track = stream.getVideoTracks()[0];
    }
    if (!track) throw new Error('this browser cannot capture a canvas as video');
    this.track = track;
    this.recorder = new MediaRecorder(stream, { mimeType, videoBitsPerSecond: bitsPerSecond });
    this.recorder.addEventListener('dataavailable', (e) => {
      if (e.data.size > 0) this.chunks.push(e.data);
    });
    this.stopped = new Promise((resolve) => {
      this.recorder.addEventListener('stop', () => resolve());
      this.recorder.addEventListener('error', (e) => {
        this.error = new Error(`the video recorder failed: ${(e as ErrorEvent).message ?? 'unknown error'}`);
        resolve();
      });
    });
  }

  /** Pieces of the file the recorder has handed over so far. */
  get chunkCount(): number {
    return this.chunks.length;
  }

  get framesPresented(): number {
    return this.frames;
  }

  /** Presents the canvas as the next frame, at its time (k / fps after the first). */
  async addFrame(): Promise<void> {
    if (this.error) throw this.error;
    if (this.frames === 0) {
      this.recorder.start(1000);
      this.startWall = performance.now();
    } else {
      const due = this.startWall + (this.frames * 1000) / this.fps;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    }
    this.track.requestFrame?.();
    this.frames++;
  }

  /** Holds the last frame for its duration, stops, and returns the file. */
  async finish(): Promise<Blob> {
    const end = this.startWall + (this.frames * 1000) / this.fps;
    const wait = end - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    if (this.recorder.state !== 'inactive') this.recorder.stop();
    await this.stopped;
    this.track.stop();
    if (this.error) throw this.error;
    return new Blob(this.chunks, { type: 'video/webm' });
  }

  /** Stops without a file. */
  close(): void {
    if (this.recorder.state !== 'inactive') this.recorder.stop();
    this.track.stop();
  }
}
