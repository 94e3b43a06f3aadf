/**
 * @fileoverview Public API of src/ringbuf: BPF_MAP_TYPE_RINGBUF readers. To wait on several rings
 * (and perf buffers) at once, add them to one EventPoller (re-exported here from src/perf).
 */

export { RingBuffer, type RingBufferOptions } from "./ring-buffer.ts";
export {
  RingReader,
  RingCorruptError,
  BPF_RINGBUF_BUSY_BIT,
  BPF_RINGBUF_DISCARD_BIT,
  BPF_RINGBUF_HDR_SZ,
  type RingRecordCallback,
} from "./ring-reader.ts";
export { EventPoller, type EventSource } from "../perf/event-poller.ts";
