export { CastWriter, FLUSH_MS, type CastHeader, type CastWriterOptions } from './cast-writer';
export { readCast, readKeyframes, seek, type CastEvent, type CastFile, type Keyframe, type SeekResult } from './reader';
export { ScreenFollower, KEYFRAME_BYTES, KEYFRAME_MS, type ScreenObserver, type ScreenSnapshot, type Terminal } from './screen';
export { recordingPath, indexPathOf, RECORDINGS_DIR } from './paths';
export { recordStream, recordingSinkStats, type RecordedStream } from './sink';
export { lastEventSeconds } from './last-event';
