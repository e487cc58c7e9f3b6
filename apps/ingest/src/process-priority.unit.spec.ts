import { yieldToReaders } from './process-priority.js';

function fakeProcess(niceness: number) {
  const set: number[] = [];
  return {
    set,
    os: {
      getPriority: () => niceness,
      setPriority: (priority: number) => void set.push(priority),
    },
  };
}

describe('an import process yielding the CPU to readers', () => {
  it('lowers its priority to the niceness asked for', () => {
    const process = fakeProcess(0);
    expect(yieldToReaders(10, process.os)).toBe(10);
    expect(process.set).toEqual([10]);
  });

  it('keeps a priority lower already, which it could not raise again anyway', () => {
    const process = fakeProcess(15);
    expect(yieldToReaders(10, process.os)).toBe(15);
    expect(process.set).toEqual([]);
  });

  it('changes nothing when asked for niceness 0', () => {
    const process = fakeProcess(0);
    expect(yieldToReaders(0, process.os)).toBe(0);
    expect(process.set).toEqual([]);
  });
});
