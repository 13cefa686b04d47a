// What the kiosk says and plays after a punch: a spoken prompt (speechSynthesis, in the kiosk's language) and a
// short tone (rising for a recorded punch, low for a refusal), made with WebAudio so no sound file is needed.

let audio: AudioContext | null = null;

export function playTone(kind: 'ok' | 'error') {
  try {
    audio ??= new AudioContext();
    const notes = kind === 'ok' ? [880, 1320] : [330, 247];
    notes.forEach((frequency, i) => {
      const osc = audio!.createOscillator();
      const gain = audio!.createGain();
      osc.frequency.value = frequency;
      gain.gain.value = 0.15;
      osc.connect(gain).connect(audio!.destination);
      const start = audio!.currentTime + i * 0.14;
      osc.start(start);
      osc.stop(start + 0.12);
    });
  } catch {
    // No audio output: the card still shows the result.
  }
}

export function speak(text: string, language: string) {
  if (!('speechSynthesis' in window)) return;
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.lang = language === 'zh-CN' ? 'zh-CN' : 'en-US';
  utterance.rate = 1.05;
  window.speechSynthesis.cancel();
  window.speechSynthesis.speak(utterance);
}
