// The active liveness challenge (活体检测动作): blink, or turn the head to the left or right, picked at random.
// Each camera frame moves it on; a still photo cannot do any of these. Head turns are measured from the nose's
// offset between the eyes in the camera image (the person's left is the image's right), so they do not depend
// on a model's angle convention.
import type { FaceResult } from '@vladmandic/human';
import type { Challenge } from '../../../src/core/kiosk/liveness';
import { eyeDistance, eyeOpenness } from './quality';

export const CHALLENGE_SECONDS = 7;
const TURN_RATIO = 0.22;
const FRONTAL_RATIO = 0.12;

type Pt = readonly [number, number, number?];

/** Nose offset from the eyes' midpoint in eye distances: positive when the person turns to their left. */
export function turnRatio(face: FaceResult): number {
  const mesh = face.mesh as unknown as Pt[];
  const eyesX = (mesh[263][0] + mesh[362][0] + mesh[33][0] + mesh[133][0]) / 4;
  return (mesh[1][0] - eyesX) / Math.max(1, eyeDistance(mesh));
}

export type ChallengeState = 'waiting' | 'done';

/** Follows one challenge over frames; `frame` returns 'done' once the action was seen and the face is frontal again. */
export function createChallenge(kind: Challenge) {
  let baselineOpen = 0;
  let phase: 'start' | 'acted' = 'start';
  let closedSeen = false;
  return {
    kind,
    frame(face: FaceResult): ChallengeState {
      const open = eyeOpenness(face.mesh as unknown as Pt[]);
      const ratio = turnRatio(face);
      if (kind === 'blink') {
        if (phase === 'start') {
          baselineOpen = Math.max(baselineOpen, open);
          if (baselineOpen > 0.15 && open < Math.min(0.12, baselineOpen * 0.55)) closedSeen = true;
          if (closedSeen && open > baselineOpen * 0.8) phase = 'acted';
        }
      } else if (phase === 'start') {
        if ((kind === 'turn_left' && ratio > TURN_RATIO) || (kind === 'turn_right' && ratio < -TURN_RATIO))
          phase = 'acted';
      }
      return phase === 'acted' && Math.abs(ratio) < FRONTAL_RATIO && open > 0.12 ? 'done' : 'waiting';
    },
  };
}
