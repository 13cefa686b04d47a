// IN or OUT. A kiosk by an entrance or an exit says so; a kiosk for both alternates within the local day: the
// first punch of the day is IN, the next OUT, and so on. The attendance rules decide what a punch means; this
// is what the kiosk shows.

export type DeviceDirection = 'in' | 'out' | 'both';
export type PunchDirection = 'in' | 'out';

export function punchDirection(device: DeviceDirection, earlierPunchesToday: number): PunchDirection {
  if (device !== 'both') return device;
  return earlierPunchesToday % 2 === 0 ? 'in' : 'out';
}
