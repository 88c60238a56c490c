import { encrypt, getSignature } from '@wecom/crypto';
import { CallbackRejected, constantTimeEqual, echostrOf, openCiphertext, verifyAndOpen } from '../../../../bots/wecom/callback-crypto';
import { payloads, signedCallback, verificationPath, SAMPLE_SECRETS } from '../../../fakes/wecom-server';

/** The published vectors of docs/platforms/wecom.md §1.7. */
const A = SAMPLE_SECRETS;
const A1 = { msg_signature: '012bc692d0a58dd4b10f8dfe5c4ac00ae211ebeb', timestamp: '1476416373', nonce: '47744683', echostr: 'fsi1xnbH4yQh0+PJxcOdhhK6TDXkjMyhEPA7xB2TGz6b+g7xyAbEkRxN/3cNXW9qdqjnoVzEtpbhnFyq6SVHyA==' };
const A2 = {
  query: { msg_signature: '0c3914025cb4b4d68103f6bfc8db550f79dcf48e', timestamp: '1476422779', nonce: '1597212914' },
  encrypt: 'Kl7kjoSf6DMD1zh7rtrHjFaDapSCkaOnwu3bqLc5tAybhhMl9pFeK8NslNPVdMwmBQTNoW4mY7AIjeLvEl3NyeTkAgGzBhzTtRLNshw2AEew+kkYcD+Fq72Kt00fT0WnN87hGrW8SqGc+NcT3mu87Ha3dz1pSDi6GaUA6A0sqfde0VJPQbZ9U+3JWcoD4Z5jaU0y9GSh010wsHF8KZD24YhmZH4ch4Ka7ilEbjbfvhKkNL65HHL0J6EYJIZUC2pFrdkJ7MhmEbU2qARR4iQHE7wy24qy0cRX3Mfp6iELcDNfSsPGjUQVDGxQDCWjayJOpcwocugux082f49HKYg84EpHSGXAyh+/oxwaWbvL6aSDPOYuPDGOCI8jmnKiypE+',
  plain: '<xml><ToUserName>ww1436e0e65a779aee</ToUserName><FromUserName>ChenJiaShun</FromUserName><CreateTime>1476422779</CreateTime><MsgType>text</MsgType><Content>你好</Content><MsgId>1456453720</MsgId><AgentID>1000002</AgentID></xml>',
};
const B1 = {
  keys: { token: 'kjr2TKI8umCBfVF3wAHk8JiPwma5VBme', encodingAesKey: '4Ma3YBrSBbX2aez8MJpXGBne5LSDwgGqHbhM9WPYIws', corpId: 'ww6a112864f8022910' },
  query: { msg_signature: '1ba3cb09c0d2c2b3ed6900d37f91a6efae6cb011', timestamp: '1583940690', nonce: 'VHh7ymSeb0jc4lSb' },
  echostr: '6KmUQuPVu7UhjyVqRdbo5SfcRqaHvbUlKSHFvBV2ZuR6TIlKsygcfeSd1GDplg1C5KSKr6UPHCaC/nIX3ZNt9w==',
};
const B2 = {
  keys: { token: 'kz7Yx62CH8SaLN', encodingAesKey: 'cD0d7jx4tYvVtzqrmh3Dm3QFCXe6f8SlHoMtMh3qQEP', corpId: 'wwf181555a13a31443' },
  query: { msg_signature: 'a44d1b7dc3dc4b02edd99dc32afa6a26be7c92f6', timestamp: '1583995625', nonce: '1584392382' },
  encrypt: 'fyVN9BUnH6xNl0/VCHTCg6XGxxvoFdyZ7VQbAbBcQ79dVccYvdIyJYZSMMhkPy8LPaoe+V27qjoQ553fXavmrPOgxzHrKKf3YIu63pB4/nN0LY4S+GzUFi/LLFj1TI1sOh0q2jT5u1nYz5G3HFNLd3DFUvJVLtZl8mVMwUOzBpzKZhhmCvIJLVlvym9tt+VYwG06MSbmnf9AzYFKhm1BIy+95Q824ilY6Wy8l+vkFqEdASl2k83jMXvlkVRSB3hmNptWTbq8ygDdLtkCyA4UEiZvfTskqqVkbYwLptRl/1F+DVL9SH/TWt2j3dCm4rzY5jQG+fA+2xh2Kk+OrVgafqtQCfhjq8C38A2IwCcg2BONKk8s5ijFxQoszmXvJQ3zLYbjzRWQ40xhryDyPNNse7/slKVW2QMBEUPNOxUcX9k=',
};
const FIXED = Buffer.from('0123456789abcdef');

const rejected = (f: () => unknown): CallbackRejected => {
  try {
    f();
  } catch (e) {
    if (e instanceof CallbackRejected) return e;
    throw e;
  }
  throw new Error('expected a CallbackRejected');
};

describe('WeCom callback crypto against the published vectors (docs/platforms/wecom.md §1.7)', () => {
  test('A1: URL verification answers the echostr plaintext', () => {
    expect(verifyAndOpen(A, A1, A1.echostr)).toBe('1288432023552776189');
  });

  test('A2: a POST decrypts to the text message; msg_len counts bytes (你好)', () => {
    expect(verifyAndOpen(A, A2.query, A2.encrypt)).toBe(A2.plain);
  });

  test('B1 and B2: the go-workwx real captures', () => {
    expect(verifyAndOpen(B1.keys, B1.query, B1.echostr)).toBe('94966531020182955848408');
    expect(verifyAndOpen(B2.keys, B2.query, B2.encrypt)).toContain('<Content><![CDATA[x123]]></Content><MsgId>2018405441</MsgId>');
  });

  test('C: the callback builder is deterministic with a fixed random and matches the self-made vectors', () => {
    const echoPath = verificationPath(A, 'echo-4711', { timestamp: 1700000000, nonce: '67890', random: FIXED });
    expect(echoPath).toContain('echostr=scEag1243Fmy%2FfYz4Ux8D%2BjnasUCaE84n9iZN9FPFQ8jXFyWiy90K6OzK54lRarH4ubl%2FcCpeI3qWsInM0am%2BA%3D%3D');
    expect(echoPath).toContain('msg_signature=273ed9683344977639bbde600dcf14b49b7d0839');
    const click = payloads.cardClick(A.corpId, { from: 'zhangsan', createTime: 1700000000, eventKey: 'approve', taskId: 'leave-42', responseCode: 'RC_TEST_1' });
    const cb = signedCallback(A, click, { timestamp: 1700000000, nonce: '12345', random: FIXED });
    expect(cb.signature).toBe('b6d03dc69701e7b95e29c4da8ebc82f7403505c6');
    expect(cb.encrypt.startsWith('scEag1243Fmy/fYz4Ux8DwFw8jWTYy7c')).toBe(true);
    expect(verifyAndOpen(A, { msg_signature: cb.signature, timestamp: '1700000000', nonce: '12345' }, cb.encrypt)).toBe(click);
  });

  test('a forged or altered signature is a 401, whatever its length', () => {
    expect(rejected(() => verifyAndOpen(A, { ...A2.query, msg_signature: '0'.repeat(40) }, A2.encrypt)).status).toBe(401);
    expect(rejected(() => verifyAndOpen(A, { ...A2.query, msg_signature: 'short' }, A2.encrypt)).status).toBe(401);
    expect(rejected(() => verifyAndOpen(A, { ...A2.query, nonce: '1597212915' }, A2.encrypt)).status).toBe(401);
  });

  test('a ciphertext for another CorpID is a 401 even when correctly signed (@wecom/crypto does not check it)', () => {
    const enc = encrypt(A.encodingAesKey, '<xml/>', 'wwSOMEONEELSE0000');
    const q = { msg_signature: getSignature(A.token, '1', '2', enc), timestamp: '1', nonce: '2' };
    expect(rejected(() => verifyAndOpen(A, q, enc))).toMatchObject({ status: 401, message: 'receiveid is not our CorpID' });
  });

  test('ciphertext that is not base64 or not whole 32-byte blocks is a 400', () => {
    expect(rejected(() => openCiphertext(A, 'not base64!')).status).toBe(400);
    expect(rejected(() => openCiphertext(A, Buffer.alloc(48).toString('base64'))).status).toBe(400);
  });

  test('PKCS#7 to 32 bytes: every message length round-trips, including pads of 17..32 bytes (the Node trap)', () => {
    for (let n = 0; n < 70; n++) {
      const msg = '中'.repeat(n % 7) + 'x'.repeat(n);
      expect(openCiphertext(A, encrypt(A.encodingAesKey, msg, A.corpId))).toBe(msg);
    }
  });

  test('constant-time comparison and the echostr "+" repair', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
    expect(echostrOf({ echostr: 'a b/c=' })).toBe('a+b/c=');
  });
});
