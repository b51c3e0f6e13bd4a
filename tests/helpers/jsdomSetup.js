// jsdom implements getComputedStyle but not for pseudo-elements, and says so on the console
// each time Ant Design measures a scrollbar (::-webkit-scrollbar). Component tests do not
// depend on pseudo-element styles, so the element's own style answers instead.
if (typeof window !== 'undefined') {
  const getComputedStyle = window.getComputedStyle.bind(window);
  window.getComputedStyle = (element) => getComputedStyle(element);
}
