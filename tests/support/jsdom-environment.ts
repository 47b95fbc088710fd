import { builtinEnvironments, type Environment } from 'vitest/environments';
import { installJsdomRuleIndex } from './jsdom-rule-index';

/**
 * vitest's jsdom environment, with jsdom's style matching sped up by {@link installJsdomRuleIndex}
 * (same computed styles, a fraction of the time). The renderer project runs in it.
 */
const jsdomWithRuleIndex: Environment = {
  ...builtinEnvironments.jsdom,
  name: 'jsdom-with-rule-index',
  viteEnvironment: 'client',
  setup(global, options) {
    installJsdomRuleIndex();
    return builtinEnvironments.jsdom.setup(global, options);
  },
};

export default jsdomWithRuleIndex;
